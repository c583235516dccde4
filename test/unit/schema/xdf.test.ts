/** FIM XDatenfelder 2 and 3 as source definitions, on the shared parser fixtures (some invalid by design). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics.ts';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { importSchemaSet } from '../../../src/core/schema/index.ts';
import { labelOf } from '../../../src/core/schema/json/paths.ts';
import type { SchemaImportResult, SchemaNode, SchemaTree } from '../../../src/core/schema/types.ts';
import { importXDatenfelder } from '../../../src/core/schema/xdatenfelder/index.ts';
import { SHARED } from './helpers.ts';

const DIR = join(SHARED, 'domain/samples/xdatenfelder');
const load = (rel: string) => ({ name: rel, content: readFileSync(join(DIR, rel), 'utf8') });
const imp = (rel: string) => importXDatenfelder([load(rel)]);
const findings = (r: SchemaImportResult) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.location?.file}:${d.location?.line}`);

function lines(t: SchemaTree, n: SchemaNode = t.root, depth = 0): string[] {
  const me = `${'  '.repeat(depth)}${n.name.local} [${n.minOccurs}..${n.maxOccurs ?? '*'}] ${labelOf(n)}${n.simple ? ` : ${n.simple.builtin}` : ''}`;
  return [me, ...t.children(n).flatMap((c) => lines(t, c, depth + 1))];
}

describe('XDatenfelder 2.0', () => {
  it('builds the Stammdatenschema tree: groups and fields by id, names, cardinalities, facets', () => {
    const r = imp('v2-data/simple.xml');
    expect(r.diagnostics).toEqual([]);
    expect(r.roots.map((q) => q.local)).toEqual(['T1234', 'G00000082']);
    const t = r.tree(r.roots[0])!;
    expect(lines(t)).toEqual(['T1234 [1..1] Test', '  G00000082 [1..1] Natürliche Person (abstrakt, umfassend)', '    F60000227 [1..1] Familienname : string']);
    const f = t.find('/T1234/G00000082/F60000227')!;
    expect(f.simple).toEqual({ builtin: 'string', minLength: 1, maxLength: 120 });
    expect(f.documentation).toContain('Hilfe: Hilfe Eingabe');
    expect(f.documentation).toContain('F60000227 Version 1.1');
    expect(f.source).toEqual({ file: 'v2-data/simple.xml', line: 83 });
  });

  it('names the code list of a select field', () => {
    const t = imp('v2-data/select.xml').tree({ ns: '', local: 'T1234' })!;
    expect(t.find('/T1234/F123')!.documentation).toContain('Codeliste: urn:de:example, Version 1, urn:de:example_1');
  });

  it('words the documentation in the current language, also of a tree built before the switch', () => {
    const t = imp('v2-data/simple.xml').tree({ ns: '', local: 'T1234' })!;
    const f = t.find('/T1234/G00000082/F60000227')!;
    expect(f.documentation).toMatch(/^Hilfe: Hilfe Eingabe$/m);
    expect(f.documentation).toMatch(/^Feldart: .* · Datentyp: /m);
    try {
      setMessageLang('en');
      // The FIM texts themselves stay as written; our labels change.
      expect(f.documentation).toMatch(/^Help: Hilfe Eingabe$/m);
      expect(f.documentation).toMatch(/^Field kind: .* · Data type: /m);
      expect(t.find('/T1234')!.documentation).not.toContain('Hilfe:');
      const sel = imp('v2-data/select.xml').tree({ ns: '', local: 'T1234' })!;
      expect(sel.find('/T1234/F123')!.documentation).toContain('Code list: urn:de:example, Version 1, urn:de:example_1');
      // Plain data to the outside: a copy (as a worker's message is) has the text, not the getter.
      expect(structuredClone(f).documentation).toMatch(/^Help: /m);
    } finally {
      setMessageLang('de');
    }
  });

  it('reads the other valid fixtures without findings', () => {
    for (const name of ['minimal.xml', 'label.xml', 'rule.xml', 'data-field-rule.xml', 'data-group-rule.xml']) {
      const r = imp(`v2-data/${name}`);
      expect(r.diagnostics, name).toEqual([]);
      expect(r.roots[0]?.local, name).toBe('T1234');
    }
    expect(imp('v2-data/label.xml').tree({ ns: '', local: 'T1234' })!.find('/T1234/F123')!.documentation).toContain('Hinweistext');
  });

  it('reports duplicated values with file and line (an error for the name, a warning for a description)', () => {
    expect(findings(imp('v2-data/duplicate-required-value.xml'))).toEqual(['error xdf.duplicate-node v2-data/duplicate-required-value.xml:13']);
    expect(findings(imp('v2-data/duplicate-optional-value.xml'))).toEqual(['warning xdf.duplicate-node v2-data/duplicate-optional-value.xml:15']);
  });

  it('refuses an unknown namespace with a located error and no tree', () => {
    const r = imp('v2-data/unknown-namespace.xml');
    expect(findings(r)).toEqual(['error xdf.unknown-namespace v2-data/unknown-namespace.xml:2']);
    expect(r.diagnostics[0].message).toContain('urn:xoev-de:fim:standard:xdatenfelder_unknown');
    expect(r.roots).toEqual([]);
  });
});

describe('XDatenfelder 3.0.0', () => {
  it('builds the tree of a Datenfeldgruppe message with its optional subgroup', () => {
    const r = imp('v3-data/simple.xml');
    expect(r.diagnostics).toEqual([]);
    const t = r.tree(r.roots[0])!;
    expect(lines(t)).toEqual(['G60000000088 [1..1] Anschrift Inland', '  G60000000086 [0..1] Anschrift Inland Straßenanschrift', '    F60000000243 [1..1] Straße : string']);
    expect(t.find('/G60000000088')!.documentation).toContain('Status: 6 fachlich freigegeben (gold)');
    // A group can be picked as a root of its own.
    expect(r.tree({ ns: '', local: 'G60000000086' })!.root.path).toBe('/G60000000086');
  });

  it('reads facets from praezisierung attributes', () => {
    const r = imp('v3-data/input.xml');
    const f = r.tree(r.roots[0])!.find('/G60000000088/F60000000243')!;
    expect(f.simple).toEqual({ builtin: 'string', minLength: 0, maxLength: 1, pattern: ['abc'], minInclusive: '0', maxInclusive: '1' });
    // input.xml repeats <inhalt>: worth a warning, not a refusal.
    expect(findings(r)).toEqual(['warning xdf.duplicate-node v3-data/input.xml:64']);
  });

  it.each([
    ['duplicate-id-node.xml', 'error xdf.duplicate-node v3-data/duplicate-id-node.xml:11', true],
    ['empty-id-node.xml', 'error xdf.empty-node v3-data/empty-id-node.xml:10', false],
    ['missing-id-node.xml', 'error xdf.missing-node v3-data/missing-id-node.xml:9', false],
    ['unexpected-node.xml', 'error xdf.unexpected-node v3-data/unexpected-node.xml:11', true],
    ['invalid-freigabestatus.xml', 'error xdf.invalid-code v3-data/invalid-freigabestatus.xml:18', true],
    ['unknown-namespace.xml', 'error xdf.unknown-namespace v3-data/unknown-namespace.xml:3', false],
  ])('reports the invalid fixture %s with file and line', (name, expected, hasTree) => {
    const r = imp(`v3-data/${name}`);
    expect(findings(r)).toEqual([expected]);
    expect(r.roots.length > 0).toBe(hasTree);
  });

  it('reports inline values (werte) as a code list, bad cardinalities and duplicate children', () => {
    const doc = `<?xml version="1.0"?>
<xdf:xdatenfelder.datenfeldgruppe.0103 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
  <xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header>
  <xdf:datenfeldgruppe>
    <xdf:identifikation><xdf:id>G1</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>Gruppe</xdf:name>
    <xdf:struktur><xdf:anzahl>1:*</xdf:anzahl><xdf:enthaelt><xdf:datenfeld>
      <xdf:identifikation><xdf:id>F1</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
      <xdf:name>Anrede</xdf:name>
      <xdf:feldart><code>select</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp>
      <xdf:werte><xdf:wert><xdf:code>01</xdf:code><xdf:name>Frau</xdf:name></xdf:wert><xdf:wert><xdf:code>02</xdf:code><xdf:name>Herr</xdf:name><xdf:hilfe>männlich</xdf:hilfe></xdf:wert></xdf:werte>
    </xdf:datenfeld></xdf:enthaelt></xdf:struktur>
    <xdf:struktur><xdf:anzahl>eins</xdf:anzahl><xdf:enthaelt><xdf:datenfeld>
      <xdf:identifikation><xdf:id>F1</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
      <xdf:name>Anrede</xdf:name>
    </xdf:datenfeld></xdf:enthaelt></xdf:struktur>
  </xdf:datenfeldgruppe>
</xdf:xdatenfelder.datenfeldgruppe.0103>`;
    const r = importXDatenfelder([{ name: 'werte.xml', content: doc }]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'werte.xml:13:30: error: Anzahl „eins“ ist keine Kardinalität der Form min:max (z. B. 0:1, 1:*). [xdf.invalid-cardinality]',
      'werte.xml:13: warning: F1 ist in G1 mehrfach enthalten (Zeilen 7 und 13); der Baum zeigt es einmal. [xdf.duplicate-child]',
    ]);
    const f1 = r.tree({ ns: '', local: 'G1' })!.find('/G1/F1')!;
    expect([f1.minOccurs, f1.maxOccurs]).toEqual([1, null]);
    expect(f1.simple?.enumeration).toEqual([{ value: '01', documentation: 'Frau' }, { value: '02', documentation: 'Herr – männlich' }]);
  });
});

describe('bad input', () => {
  it('gives a located diagnostic for a file that is not XML or not XDatenfelder', () => {
    const r = importXDatenfelder([
      { name: 'a.json', content: '{"F1": 1}' },
      { name: 'b.xsd', content: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>' },
    ]);
    expect(findings(r)).toEqual(['error xml.not-well-formed a.json:1', 'error xdf.not-xdatenfelder b.xsd:1']);
    expect(r.roots).toEqual([]);
  });

  it('every fixture imports without throwing, through importSchemaSet', () => {
    for (const v of ['v2-data', 'v3-data']) {
      for (const name of readdirSync(join(DIR, v)).filter((n) => n.endsWith('.xml'))) {
        const r = importSchemaSet({ id: `${v}/${name}`, name, kind: 'xdatenfelder', files: [load(`${v}/${name}`)] });
        for (const d of r.diagnostics) expect(d.location?.line, `${name}: ${d.message}`).toBeGreaterThan(0);
      }
    }
  });
});
