/** "What changed" between two package versions: rules added, removed and changed (with what changed). */
import type { Manifest, RuleEntry } from './manifest.ts';
import { m } from '../i18n.ts';

export interface RuleChange {
  id: string;
  /** In the core's message language, one line each: "XSLT-Regel geändert", "Parameter x: "a" → "b"", "Zielsystem: a → b" … */
  changes: string[];
}

export interface Changelog {
  from: { packageId: string; version: string };
  to: { packageId: string; version: string };
  added: string[];
  removed: string[];
  changed: RuleChange[];
  unchanged: number;
}

const q = (s: string | undefined) => (s === undefined || s === '' ? '—' : `"${s}"`);

function ruleDiff(a: RuleEntry, b: RuleEntry): string[] {
  const out: string[] = [];
  const sha = (r: RuleEntry, ext: string) => r.files.find((f) => f.path.endsWith(ext))?.sha256;
  if (sha(a, '.xsl') !== sha(b, '.xsl')) out.push(m('XSLT-Regel geändert', 'XSLT rule changed'));
  else if (sha(a, '.sef.json') !== sha(b, '.sef.json')) out.push(m('SEF geändert (gleiche XSLT-Regel)', 'SEF changed (same XSLT rule)'));
  const msg = (r: RuleEntry['source']) => (r ? `{${r.namespace}}${r.root}` : undefined);
  if (msg(a.source) !== msg(b.source)) out.push(`${m('Quellnachricht', 'Source message')}: ${q(msg(a.source))} → ${q(msg(b.source))}`);
  if (msg(a.target) !== msg(b.target)) out.push(`${m('Zielnachricht', 'Target message')}: ${q(msg(a.target))} → ${q(msg(b.target))}`);
  if (a.scenarioCode !== b.scenarioCode) out.push(`${m('Szenario', 'Scenario')}: ${a.scenarioCode} → ${b.scenarioCode}`);
  const ra = a.routing;
  const rb = b.routing;
  if (ra.senderSystem !== rb.senderSystem) out.push(`${m('Absendersystem', 'Sender system')}: ${ra.senderSystem} → ${rb.senderSystem}`);
  if (ra.procedureId !== rb.procedureId) out.push(`${m('Leistung (LeiKa)', 'Service (LeiKa)')}: ${q(ra.procedureId)} → ${q(rb.procedureId)}`);
  if (ra.targetSystem !== rb.targetSystem) out.push(`${m('Zielsystem', 'Target system')}: ${ra.targetSystem} → ${rb.targetSystem}`);
  if (ra.adapter?.id !== rb.adapter?.id) out.push(`Adapter: ${q(ra.adapter?.id)} → ${q(rb.adapter?.id)}`);
  const oa = ra.organisation;
  const ob = rb.organisation;
  if (oa?.name !== ob?.name) out.push(`Organisation: ${q(oa?.name)} → ${q(ob?.name)}`);
  if (oa?.ags !== ob?.ags) out.push(`AGS: ${q(oa?.ags)} → ${q(ob?.ags)}`);
  if (oa?.authorityId !== ob?.authorityId) out.push(`${m('Behördenkennung', 'Authority id')}: ${q(oa?.authorityId)} → ${q(ob?.authorityId)}`);
  if (oa?.office?.id !== ob?.office?.id || oa?.office?.name !== ob?.office?.name) {
    out.push(`${m('Zuständige Stelle', 'Responsible office')}: ${q(oa?.office?.name)} → ${q(ob?.office?.name)}`);
  }
  const pa = new Map(a.parameters.map((p) => [p.name, p]));
  const pb = new Map(b.parameters.map((p) => [p.name, p]));
  for (const [name, p] of pb) {
    const old = pa.get(name);
    if (!old) out.push(m(`Parameter ${name} neu: ${q(p.value)}`, `Parameter ${name} added: ${q(p.value)}`));
    else if (old.value !== p.value) out.push(`Parameter ${name}: ${q(old.value)} → ${q(p.value)}`);
    else if (old.type !== p.type) out.push(m(`Parameter ${name}: Typ ${old.type} → ${p.type}`, `Parameter ${name}: type ${old.type} → ${p.type}`));
  }
  for (const name of pa.keys()) if (!pb.has(name)) out.push(m(`Parameter ${name} entfernt`, `Parameter ${name} removed`));
  return out;
}

/** Compares two manifests rule by rule (rules are matched by id). */
export function changelog(from: Manifest, to: Manifest): Changelog {
  const a = new Map(from.rules.map((r) => [r.id, r]));
  const b = new Map(to.rules.map((r) => [r.id, r]));
  const added = [...b.keys()].filter((id) => !a.has(id)).sort();
  const removed = [...a.keys()].filter((id) => !b.has(id)).sort();
  const changed: RuleChange[] = [];
  let unchanged = 0;
  for (const id of [...b.keys()].sort()) {
    const old = a.get(id);
    if (!old) continue;
    const changes = ruleDiff(old, b.get(id)!);
    if (changes.length) changed.push({ id, changes });
    else unchanged++;
  }
  return { from: { packageId: from.packageId, version: from.version }, to: { packageId: to.packageId, version: to.version }, added, removed, changed, unchanged };
}

/** The changelog as plain text (core message language). */
export function formatChangelog(c: Changelog): string {
  const lines = [`${m('Änderungen', 'Changes')} ${c.from.packageId} ${c.from.version} → ${c.to.packageId} ${c.to.version}`, ''];
  lines.push(`${m('Neue Regeln', 'New rules')} (${c.added.length})`, ...c.added.map((id) => `  + ${id}`), '');
  lines.push(`${m('Entfernte Regeln', 'Removed rules')} (${c.removed.length})`, ...c.removed.map((id) => `  - ${id}`), '');
  lines.push(`${m('Geänderte Regeln', 'Changed rules')} (${c.changed.length})`);
  for (const ch of c.changed) lines.push(`  * ${ch.id}`, ...ch.changes.map((x) => `      ${x}`));
  lines.push('', `${m('Unverändert', 'Unchanged')}: ${c.unchanged}`);
  return lines.join('\n') + '\n';
}
