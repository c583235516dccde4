/**
 * Verifying a depot package as the hub would before trusting it: safe unpacking, every checksum,
 * every rule compiled again (its SEF must be the packaged one and carry a valid SaxonJS checksum),
 * every test run with its parameters and compared XML-aware with its expected output.
 */
import type { XsltEngine } from '../runner/engine.ts';
import { prepareInput } from '../runner/input.ts';
import { compareXml } from '../runner/xml-compare.ts';
import { checkChecksums, fileText, unpackDepotPackage } from './read.ts';
import type { Manifest } from './manifest.ts';
import { checkSef, finalizeSef, type SefCompiler } from './sef.ts';
import type { ZipLimits } from './zip.ts';
import { m } from '../i18n.ts';

export type CheckKind = 'package' | 'checksum' | 'compile' | 'test';

export interface VerifyCheck {
  kind: CheckKind;
  /** What was checked: a path, a rule file, a test id. */
  subject: string;
  ok: boolean;
  message?: string;
}

export interface VerifyReport {
  checks: VerifyCheck[];
  passed: number;
  failed: number;
  manifest?: Manifest;
}

export interface VerifyOptions {
  engine: XsltEngine;
  sef: SefCompiler;
  limits?: ZipLimits;
  /** Called after each check (progress in the UI, streaming output in the CLI). */
  onCheck?(c: VerifyCheck): void;
  timeoutMs?: number;
}

/** Verifies a package; never throws. */
export async function verifyDepotPackage(bytes: Uint8Array, opts: VerifyOptions): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  const add = (c: VerifyCheck) => {
    checks.push(c);
    opts.onCheck?.(c);
  };
  const report = (manifest?: Manifest): VerifyReport => {
    const failed = checks.filter((c) => !c.ok).length;
    return { checks, passed: checks.length - failed, failed, manifest };
  };

  const pkg = unpackDepotPackage(bytes, opts.limits);
  if (!pkg.ok) {
    add({ kind: 'package', subject: pkg.code, ok: false, message: pkg.message });
    return report();
  }
  const { manifest } = pkg;
  const [nr, nt, nf] = [manifest.rules.length, manifest.tests.length, manifest.files.length];
  add({ kind: 'package', subject: `${manifest.packageId} ${manifest.version}`, ok: true, message: m(`${nr} Regeln, ${nt} Tests, ${nf} Dateien`, `${nr} rules, ${nt} tests, ${nf} files`) });

  const sums = await checkChecksums(pkg);
  for (const s of sums) add({ kind: 'checksum', subject: s.path, ok: s.ok, message: s.message });
  const trusted = new Set(sums.filter((s) => s.ok).map((s) => s.path));
  const untrusted = new Set(sums.filter((s) => !s.ok).map((s) => s.path));

  // One stylesheet per flow, shared by all its per-organisation rules.
  const stylesheets = new Map<string, { xsl: string; xslPath: string; sefPath?: string }>();
  for (const r of manifest.rules) {
    if (stylesheets.has(r.flow)) continue;
    const xslPath = r.files.find((f) => f.path.endsWith('.xsl'))?.path;
    const sefPath = r.files.find((f) => f.path.endsWith('.sef.json'))?.path;
    if (!xslPath) {
      add({ kind: 'compile', subject: r.id, ok: false, message: m('Regel ohne XSLT-Datei', 'rule without an XSLT file') });
      continue;
    }
    const xsl = fileText(pkg, xslPath);
    if (xsl === undefined || !trusted.has(xslPath)) {
      const message = untrusted.has(xslPath) ? m('Prüfsumme falsch: nicht übersetzt', 'wrong checksum: not compiled') : m('Datei fehlt', 'file missing');
      add({ kind: 'compile', subject: xslPath, ok: false, message });
      continue;
    }
    stylesheets.set(r.flow, { xsl, xslPath, sefPath });
  }
  for (const [, s] of stylesheets) {
    const c = await opts.sef.compile(s.xsl);
    if (!c.ok) {
      const at = c.error.line ? m(` (Zeile ${c.error.line})`, ` (line ${c.error.line})`) : '';
      add({ kind: 'compile', subject: s.xslPath, ok: false, message: `${c.error.code ?? c.error.kind}: ${c.error.message}${at}` });
      continue;
    }
    if (!s.sefPath) {
      add({ kind: 'compile', subject: s.xslPath, ok: false, message: m('keine SEF-Datei zur Regel', 'no SEF file for the rule') });
      continue;
    }
    const packaged = fileText(pkg, s.sefPath) ?? '';
    const bad = checkSef(packaged);
    if (bad) {
      add({ kind: 'compile', subject: s.sefPath, ok: false, message: bad });
      continue;
    }
    const fresh = finalizeSef(c.sef, manifest.createdAt);
    const sameEngine = engineOf(fresh) === engineOf(packaged);
    if (sameEngine && fresh !== packaged) {
      add({ kind: 'compile', subject: s.sefPath, ok: false, message: m('SEF passt nicht zur XSLT-Regel (neu übersetzt ergibt sich eine andere SEF)', 'the SEF does not match the XSLT rule (compiling it again gives a different SEF)') });
    } else {
      const ms = Math.round(c.timeMs);
      const message = sameEngine
        ? m(`übersetzt, SEF identisch (${ms} ms)`, `compiled, SEF identical (${ms} ms)`)
        : m(`übersetzt; SEF von ${engineOf(packaged)} nicht verglichen`, `compiled; SEF from ${engineOf(packaged)} not compared`);
      add({ kind: 'compile', subject: s.xslPath, ok: true, message });
    }
  }

  for (const t of manifest.tests) {
    const s = stylesheets.get(t.flow);
    const input = fileText(pkg, t.input);
    const expected = fileText(pkg, t.expected);
    if (!s) add({ kind: 'test', subject: t.id, ok: false, message: m(`keine Regel für Fluss ${t.flow}`, `no rule for flow ${t.flow}`) });
    else if (input === undefined || expected === undefined || !trusted.has(t.input) || !trusted.has(t.expected)) {
      add({ kind: 'test', subject: t.id, ok: false, message: m('Eingabe oder erwartete Ausgabe fehlt oder hat eine falsche Prüfsumme', 'input or expected output is missing or has a wrong checksum') });
    } else {
      const r = await opts.engine.transform({ stylesheet: s.xsl, input: prepareInput(input), params: t.parameters, timeoutMs: opts.timeoutMs });
      if (!r.ok) add({ kind: 'test', subject: t.id, ok: false, message: `${r.error.code ?? r.error.kind}: ${r.error.message}` });
      else {
        const cmp = compareXml(expected, r.output, t.ignore);
        add(
          cmp.equal
            ? { kind: 'test', subject: t.id, ok: true, message: `${Math.round(r.timeMs)} ms` }
            : { kind: 'test', subject: t.id, ok: false, message: cmp.differences.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ') },
        );
      }
    }
  }
  return report(manifest);
}

function engineOf(sef: string): string | undefined {
  try {
    return (JSON.parse(sef) as { saxonVersion?: string }).saxonVersion;
  } catch {
    return undefined;
  }
}
