/**
 * Compiler, XSLT import and value-map import findings follow the message language: the same broken
 * input gives the German text by default and the English one after setMessageLang('en').
 */
import { describe, expect, it } from 'vitest';
import { compileProjectFlow, xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { formatDiagnostic, formatFinding } from '../../../src/core/diagnostics.ts';
import { shownPath } from '../../../src/core/schema/shown-path.ts';
import { setMessageLang } from '../../../src/core/i18n.ts';
import { readGenericode, valueMapRowsFromCsv } from '../../../src/core/mapping/valuemap-import.ts';
import type { Flow, MappingRule, Project } from '../../../src/core/model/project.ts';
import { importXslt } from '../../../src/core/xslt-import/index.ts';
import { flowOf, sampleProject } from '../xslt-import/fixtures.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();

const FLOW = 'a1-gewerberegister';
const NS = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const ROOT = `/{${NS}}Gewerbemeldung`;
const XSL = 'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"';

/** The sample project with A1's first rules broken in the ways a user meets them, and one rule more. */
function broken(): { p: Project; f: Flow } {
  const p = sampleProject();
  const f = flowOf(p, FLOW);
  const [r1, r2, r3, r4, r5, r6] = f.mapping.rules;
  const rules: MappingRule[] = [
    { ...r1, value: { kind: 'var', name: 'nope' } },
    { ...r2, value: { kind: 'call', fn: 'concat', args: [{ kind: 'const', value: 'a' }] } },
    { ...r3, value: { kind: 'lookup', map: 'gibtsnicht', arg: { kind: 'const', value: 'x' } } },
    { ...r4, value: { kind: 'xpath', text: '  ' } },
    { ...r5, value: { kind: 'xpath', text: '$nope' } },
    r6,
    { id: 'r900', target: `${ROOT}/{${NS}}Gibtsnicht`, value: { kind: 'const', value: 'x' } },
    { ...r6, id: 'r901' },
  ];
  const flow: Flow = { ...f, source: f.source && { ...f.source, schemaId: 'fehlt' }, mapping: { ...f.mapping, rules } };
  return { p: { ...p, flows: p.flows.map((x) => (x.id === FLOW ? flow : x)) }, f: flow };
}

/** The compile's findings as "code message", with the engine's (language-neutral) message for the XPath of r5. */
function findings(): string[] {
  const { p, f } = broken();
  const r5 = f.mapping.rules[4].id;
  const xpathErrors = new Map([[xpathErrorKey(r5, 'value', '$nope'), 'XPST0008: Variable nope has not been declared']]);
  return compileProjectFlow(p, f, { xpathErrors }).diagnostics.map((d) => `${d.code} ${d.message}`);
}

describe('compiler findings', () => {
  const { f } = broken();
  const [r6] = [f.mapping.rules[5]];

  it('are German by default', () => {
    expect(findings()).toEqual(
      expect.arrayContaining([
        'flow.unknown-schema Quelle: Schema "fehlt" gibt es im Projekt nicht.',
        `mapping.duplicate-target Zwei Regeln für dasselbe Zielfeld ${shownPath(r6.target)}; die zweite wird ignoriert.`,
        `mapping.dangling-target Zielfeld ${ROOT}/{${NS}}Gibtsnicht gibt es im Zielschema nicht (mehr).`,
        'mapping.unknown-variable Variable $nope ist nicht deklariert.',
        'mapping.arity Funktion Verketten erwartet 2 oder mehr Argumente, hat 1.',
        'mapping.unknown-valuemap Wertetabelle "gibtsnicht" gibt es nicht.',
        'mapping.empty-xpath Leerer XPath-Ausdruck.',
        'mapping.xpath-syntax XPath-Fehler in „$nope“: XPST0008: Variable nope has not been declared',
      ]),
    );
  });

  it('are English after switching, with the function label in English too', () => {
    setMessageLang('en');
    const en = findings();
    expect(en).toEqual(
      expect.arrayContaining([
        'flow.unknown-schema Source: The project has no schema "fehlt".',
        `mapping.duplicate-target Two rules for the same target field ${shownPath(r6.target)}; the second one is ignored.`,
        `mapping.dangling-target Target field ${ROOT}/{${NS}}Gibtsnicht does not exist in the target schema (any more).`,
        'mapping.unknown-variable Variable $nope is not declared.',
        'mapping.arity Function Concatenate expects 2 or more arguments, has 1.',
        'mapping.unknown-valuemap Value map "gibtsnicht" does not exist.',
        'mapping.empty-xpath Empty XPath expression.',
        'mapping.xpath-syntax XPath error in "$nope": XPST0008: Variable nope has not been declared',
      ]),
    );
    // The same findings, none left in German.
    setMessageLang('de');
    expect(en).toHaveLength(findings().length);
    expect(en.join('\n')).not.toMatch(/ nicht |Zielfeld|Wertetabelle|Verketten|Leerer|Quelle:/);
  });
});

describe('XSLT import report', () => {
  const p = sampleProject();
  const flow = flowOf(p, FLOW);
  const imp = (text: string) => importXslt(text, { project: p, flow, file: 'regel.xsl' });

  it('names a file that is not XSLT in the current language', () => {
    expect(imp('<html/>').report.map((d) => d.message)).toEqual([
      'Keine XSLT-Datei: das Wurzelelement ist <html>, erwartet <xsl:stylesheet> im Namensraum http://www.w3.org/1999/XSL/Transform.',
    ]);
    setMessageLang('en');
    expect(imp('<html/>').report.map((d) => d.message)).toEqual([
      'Not an XSLT file: the root element is <html>, expected <xsl:stylesheet> in the namespace http://www.w3.org/1999/XSL/Transform.',
    ]);
  });

  it('reports an XPath syntax error with the parser message in English', () => {
    const text = `<xsl:stylesheet ${XSL} version="3.0">\n<xsl:template match="/"><x><xsl:value-of select="concat('a"/></x></xsl:template>\n</xsl:stylesheet>`;
    const de = imp(text).report.map((d) => d.message);
    expect(de).toEqual([`XPath-Syntaxfehler in <xsl:value-of> @select bei Zeichen 8: Zeichenkette nicht geschlossen („concat('a“)`]);
    setMessageLang('en');
    expect(imp(text).report.map((d) => d.message)).toEqual([`XPath syntax error in <xsl:value-of> @select at character 8: string not closed ("concat('a")`]);
  });

  it('says in English what it kept verbatim and why, and sums up', () => {
    const text = `<xsl:stylesheet ${XSL} xmlns:g="${NS}" version="3.0">
  <xsl:template match="/">
    <g:Gewerbemeldung version="1.2">
      <g:Gibtsnicht>x</g:Gibtsnicht>
    </g:Gewerbemeldung>
  </xsl:template>
</xsl:stylesheet>`;
    const de = imp(text);
    expect(de.ok).toBe(true);
    expect(de.report.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'Zeile 4: <g:Gibtsnicht> unverändert übernommen (Element Gibtsnicht gibt es im Zielschema unter Gewerbemeldung nicht).',
        '1 Regeln, 0 Parameter, 0 Variablen, 0 Wertetabellen importiert; 1 Rohblöcke unverändert übernommen.',
      ]),
    );
    setMessageLang('en');
    const en = imp(text);
    expect(en.report.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'Line 4: <g:Gibtsnicht> kept unchanged (element Gibtsnicht does not exist in the target schema under Gewerbemeldung).',
        '1 rules, 0 parameters, 0 variables, 0 value maps imported; 1 raw blocks kept unchanged.',
      ]),
    );
    // The import itself does not depend on the language.
    expect(en.mapping).toEqual(de.mapping);
    expect(en.report.map((d) => d.code)).toEqual(de.report.map((d) => d.code));
  });
});

describe('value map import', () => {
  const CSV = 'von;nach\n"offen;x\nnur eine Spalte\nGmbH;1';

  it('reports broken CSV rows in the current language', () => {
    const de = valueMapRowsFromCsv(CSV, 'tabelle.csv');
    expect(de.rows).toEqual([{ from: 'GmbH', to: '1' }]);
    expect(de.diagnostics.map((d) => [d.location?.line, d.message])).toEqual([
      [2, 'Nicht geschlossenes Anführungszeichen.'],
      [3, 'Zeile hat 1 Spalte(n), erwartet 2.'],
    ]);
    setMessageLang('en');
    const en = valueMapRowsFromCsv(CSV, 'tabelle.csv');
    expect(en.rows).toEqual(de.rows);
    expect(en.diagnostics.map((d) => [d.location?.line, d.message])).toEqual([
      [2, 'Unclosed quotation mark.'],
      [3, 'The line has 1 column(s), expected 2.'],
    ]);
  });

  it('names a file that is not a genericode code list', () => {
    expect(readGenericode('<Liste/>', 'liste.xml').diagnostics.map((d) => d.message)).toEqual(['Keine genericode-Codeliste (Wurzel Liste).']);
    setMessageLang('en');
    expect(readGenericode('<Liste/>', 'liste.xml').diagnostics.map((d) => d.message)).toEqual(['Not a genericode code list (root Liste).']);
  });
});

describe('a finding as one line', () => {
  const d = { severity: 'warning', code: 'x.y', message: 'Text', location: { file: 'a.xsd', line: 3, column: 7 } } as const;
  it('names the severity in the message language for people, and keeps the English word for tools', () => {
    expect(formatFinding(d)).toBe('a.xsd:3:7: Warnung: Text [x.y]');
    expect(formatFinding({ ...d, severity: 'error' })).toBe('a.xsd:3:7: Fehler: Text [x.y]');
    setMessageLang('en');
    expect(formatFinding(d)).toBe('a.xsd:3:7: warning: Text [x.y]');
    expect(formatFinding({ ...d, severity: 'info' })).toBe('a.xsd:3:7: note: Text [x.y]');
    setMessageLang('de');
    // The CLI's compiler-style line is the same in every language.
    expect(formatDiagnostic(d)).toBe('a.xsd:3:7: warning: Text [x.y]');
  });
  it('leaves out a schema tree path for people (the list shows the field instead), not other paths', () => {
    const at = { severity: 'warning', code: 'x', message: 'M' } as const;
    expect(formatFinding({ ...at, location: { path: `${ROOT}/{${NS}}Kopfdaten` } })).toBe('Warnung: M [x]');
    expect(formatFinding({ ...at, location: { path: 'rule:r3' } })).toBe('Warnung: M (rule:r3) [x]');
    expect(formatDiagnostic({ ...at, location: { path: `${ROOT}/{${NS}}Kopfdaten` } })).toBe(`warning: M (${ROOT}/{${NS}}Kopfdaten) [x]`);
  });
});

describe('a tree path as people read it', () => {
  it('shows local names, attributes, groups and JSON keys', () => {
    expect(shownPath(`${ROOT}/{${NS}}Kopfdaten/{${NS}}Vorgangsnummer`)).toBe('Gewerbemeldung/Kopfdaten/Vorgangsnummer');
    expect(shownPath(`${ROOT}/@version`)).toBe('Gewerbemeldung/@version');
    expect(shownPath(`${ROOT}/{${NS}}Kontakt#2/{${NS}}Name`)).toBe('Gewerbemeldung/Kontakt#2/Name');
    expect(shownPath('/serviceportal-fields/betrieb/instance_*/betriebsname')).toBe('serviceportal-fields/betrieb/instance_*/betriebsname');
    const FN = 'http://www.w3.org/2005/xpath-functions';
    expect(shownPath(`/{${FN}}map/{${FN}}map[@key='betrieb']/{${FN}}array[@key='taetigkeiten']/{${FN}}map/{${FN}}string[@key='name']`)).toBe('betrieb/taetigkeiten[*]/name');
  });
});
