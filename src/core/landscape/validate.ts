/**
 * Landscape checks shown on the canvas: what is missing or broken in systems, adapters and flows.
 * Pure and linear in the size of the landscape, so it can run on every edit of a 1,000-system project.
 */
import type { Flow, Project, System } from '../model/project.ts';
import { RECEIVE_ONLY } from './kinds.ts';

/** What a finding is about. */
export type IssueSubject =
  | { type: 'system'; id: string }
  | { type: 'adapter'; systemId: string; id: string }
  | { type: 'flow'; id: string };

/** A finding in the landscape, in German and English. */
export interface LandscapeIssue {
  severity: 'error' | 'warning';
  code: string;
  subject: IssueSubject;
  de: string;
  en: string;
}

/** Findings grouped by what they are about, for quick lookup by the canvas. */
export interface LandscapeReport {
  all: LandscapeIssue[];
  bySystem: Map<string, LandscapeIssue[]>;
  byFlow: Map<string, LandscapeIssue[]>;
  /** Flows whose systems or adapters do not exist (kept, drawn and marked, never dropped). */
  dangling: Set<string>;
}

function push<K>(m: Map<K, LandscapeIssue[]>, k: K, i: LandscapeIssue): void {
  const l = m.get(k);
  if (l) l.push(i);
  else m.set(k, [i]);
}

/** Checks systems, adapters and flows; never throws. */
export function validateLandscape(p: Project): LandscapeReport {
  const all: LandscapeIssue[] = [];
  const bySystem = new Map<string, LandscapeIssue[]>();
  const byFlow = new Map<string, LandscapeIssue[]>();
  const dangling = new Set<string>();
  const systems = new Map(p.systems.map((s) => [s.id, s]));
  const schemas = new Set(p.schemas.map((s) => s.id));
  const add = (i: LandscapeIssue) => {
    all.push(i);
    if (i.subject.type === 'flow') push(byFlow, i.subject.id, i);
    else push(bySystem, i.subject.type === 'system' ? i.subject.id : i.subject.systemId, i);
  };

  for (const s of p.systems) {
    if (!s.adapters.length) {
      add({ severity: 'warning', code: 'system.no-adapters', subject: { type: 'system', id: s.id }, de: `„${s.name}“ hat keinen Adapter.`, en: `"${s.name}" has no adapter.` });
    }
    for (const a of s.adapters) {
      const subject = { type: 'adapter' as const, systemId: s.id, id: a.id };
      const label = a.name || a.id;
      if (a.kind === 'file') {
        const missing = (['inputDir', 'outputDir'] as const).filter((k) => !a.settings[k]?.trim());
        if (missing.length) {
          const de = missing.map((k) => (k === 'inputDir' ? 'Eingangsverzeichnis' : 'Ausgangsverzeichnis')).join(' und ');
          const en = missing.map((k) => (k === 'inputDir' ? 'input directory' : 'output directory')).join(' and ');
          add({ severity: 'warning', code: 'adapter.file-dirs', subject, de: `Dateisystem-Adapter „${label}“ von „${s.name}“: ${de} fehlt.`, en: `File adapter "${label}" of "${s.name}": ${en} missing.` });
        }
      } else if (a.kind === 'webservice' && !a.settings.address?.trim()) {
        add({ severity: 'warning', code: 'adapter.ws-address', subject, de: `Webservice-Adapter „${label}“ von „${s.name}“: Adresse fehlt.`, en: `Web service adapter "${label}" of "${s.name}": address missing.` });
      } else if (a.kind === 'email' && !a.settings.address?.trim()) {
        add({ severity: 'warning', code: 'adapter.mail-address', subject, de: `E-Mail-Adapter „${label}“ von „${s.name}“: Adresse fehlt.`, en: `E-mail adapter "${label}" of "${s.name}": address missing.` });
      }
    }
  }

  for (const f of p.flows) {
    const subject = { type: 'flow' as const, id: f.id };
    const name = `${f.scenarioCode} ${f.title}`.trim();
    const ends: [string, 'from' | 'to', System | undefined][] = [
      ['Quelle', 'from', systems.get(f.from.systemId)],
      ['Ziel', 'to', systems.get(f.to.systemId)],
    ];
    for (const [deSide, side, sys] of ends) {
      const end = f[side];
      const enSide = side === 'from' ? 'source' : 'target';
      if (!sys) {
        dangling.add(f.id);
        add({ severity: 'error', code: 'flow.dangling-system', subject, de: `Fluss „${name}“: ${deSide}system „${end.systemId}“ gibt es nicht (gelöscht?).`, en: `Flow "${name}": ${enSide} system "${end.systemId}" does not exist (deleted?).` });
      } else if (end.adapterId && !sys.adapters.some((a) => a.id === end.adapterId)) {
        dangling.add(f.id);
        add({ severity: 'error', code: 'flow.dangling-adapter', subject, de: `Fluss „${name}“: Adapter „${end.adapterId}“ gibt es an „${sys.name}“ nicht.`, en: `Flow "${name}": "${sys.name}" has no adapter "${end.adapterId}".` });
      } else if (!end.adapterId) {
        add({ severity: 'warning', code: 'flow.no-adapter', subject, de: `Fluss „${name}“: ${deSide} ohne Adapter.`, en: `Flow "${name}": ${enSide} has no adapter.` });
      }
    }
    if (f.from.systemId === f.to.systemId) {
      add({ severity: 'error', code: 'flow.self', subject, de: `Fluss „${name}“ führt vom System zu sich selbst.`, en: `Flow "${name}" leads from a system to itself.` });
    }
    const from = systems.get(f.from.systemId);
    if (from && RECEIVE_ONLY.includes(from.kind)) {
      add({ severity: 'error', code: 'flow.from-receive-only', subject, de: `Fluss „${name}“ beginnt bei einem Pflichtempfänger; diese empfangen nur.`, en: `Flow "${name}" starts at a mandatory recipient, which only receives.` });
    }
    if (!f.source && !f.target) {
      add({ severity: 'warning', code: 'flow.no-message-type', subject, de: `Fluss „${name}“ hat keinen Nachrichtentyp.`, en: `Flow "${name}" has no message type.` });
    } else {
      for (const [side, de, en] of [['source', 'Quellnachricht', 'source message'], ['target', 'Zielnachricht', 'target message']] as const) {
        const mt = f[side];
        if (!mt) add({ severity: 'warning', code: `flow.no-${side}-type`, subject, de: `Fluss „${name}“: ${de}entyp fehlt.`, en: `Flow "${name}": ${en} type missing.` });
        else if (!schemas.has(mt.schemaId)) add({ severity: 'error', code: 'flow.unknown-schema', subject, de: `Fluss „${name}“: Schema „${mt.schemaId}“ der ${de} fehlt im Projekt.`, en: `Flow "${name}": schema "${mt.schemaId}" of the ${en} is not in the project.` });
      }
    }
  }

  if (p.landscape?.acyclic) {
    for (const id of flowsOnCycles(p.flows)) {
      const f = p.flows.find((x) => x.id === id)!;
      add({ severity: 'error', code: 'flow.cycle', subject: { type: 'flow', id }, de: `Fluss „${f.scenarioCode} ${f.title}“ liegt auf einem Zyklus; die Vorlage des Projekts verbietet Zyklen.`, en: `Flow "${f.scenarioCode} ${f.title}" lies on a cycle; the project's blueprint forbids cycles.` });
    }
  }
  return { all, bySystem, byFlow, dangling };
}

/** Ids of flows that lie on a directed cycle of systems (Tarjan's strongly connected components). */
export function flowsOnCycles(flows: readonly Flow[]): string[] {
  const adj = new Map<string, string[]>();
  for (const f of flows) {
    if (!adj.has(f.from.systemId)) adj.set(f.from.systemId, []);
    adj.get(f.from.systemId)!.push(f.to.systemId);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let compCount = 0;
  // Iterative Tarjan: recursion would overflow on long chains.
  for (const start of adj.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
      }
      const next = adj.get(v) ?? [];
      if (i < next.length) {
        top[1]++;
        const w = next[i];
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      if (low.get(v) === index.get(v)) {
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, compCount);
        } while (w !== v);
        compCount++;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
    }
  }
  return flows.filter((f) => f.from.systemId !== f.to.systemId && comp.has(f.to.systemId) && comp.get(f.from.systemId) === comp.get(f.to.systemId)).map((f) => f.id);
}
