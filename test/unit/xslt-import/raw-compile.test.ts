/**
 * The compiler side of raw blocks (XSLT kept verbatim by the import): printed at their place — top
 * level, around the root element, first in an element or after a given child (printed or not) —
 * exactly as written, and never dropped: a block whose element no longer exists is reported and
 * still printed.
 */
import { describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import type { Mapping, RawBlock } from '../../../src/core/model/project.ts';
import { flowOf, sampleProject } from './fixtures.ts';

const project = sampleProject();
const base = flowOf(project, 'a1-gewerberegister');
const GM = '{http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2}';
const ROOT = `/${GM}Gewerbemeldung`;
const KOPF = `${ROOT}/${GM}Kopfdaten`;

function compile(raw: RawBlock[], rules = base.mapping.rules): { xslt: string; lines: string[]; codes: string[] } {
  const mapping: Mapping = { ...base.mapping, rules, raw };
  const c = compileProjectFlow(project, { ...base, mapping });
  return { xslt: c.xslt, lines: c.xslt.split('\n'), codes: c.diagnostics.map((d) => d.code) };
}

const at = (lines: string[], text: string) => lines.findIndex((l) => l.includes(text));

describe('compiling raw blocks', () => {
  it('top level: before the main template, text exactly as written', () => {
    const block = '<xsl:key name="k" match="*"\n      use="local-name()"/>';
    const { xslt, lines } = compile([{ xslt: block }]);
    expect(xslt).toContain(`  ${block}\n`);
    expect(at(lines, '<xsl:key name="k"')).toBeLessThan(at(lines, '<xsl:template match="/">'));
  });

  it('in the template, before or after the root element', () => {
    const { lines } = compile([
      { xslt: '<xsl:comment>vorher</xsl:comment>', parent: '' },
      { xslt: '<xsl:comment>nachher</xsl:comment>', parent: '', after: ROOT },
    ]);
    const start = at(lines, '<gm:Gewerbemeldung');
    const end = at(lines, '</gm:Gewerbemeldung>');
    expect(at(lines, 'vorher')).toBeGreaterThan(at(lines, '<xsl:template match="/">'));
    expect(at(lines, 'vorher')).toBeLessThan(start);
    expect(at(lines, 'nachher')).toBeGreaterThan(end);
  });

  it('in an element: first, after a child, and after a child that is not printed', () => {
    const rules = base.mapping.rules.filter((r) => !r.target.endsWith('Eingangsdatum'));
    const { lines } = compile(
      [
        { xslt: '<xsl:comment>erstes</xsl:comment>', parent: KOPF },
        { xslt: '<xsl:comment>nach-vorgangsnummer</xsl:comment>', parent: KOPF, after: `${KOPF}/${GM}Vorgangsnummer` },
        { xslt: '<xsl:comment>nach-eingangsdatum</xsl:comment>', parent: KOPF, after: `${KOPF}/${GM}Eingangsdatum` },
      ],
      rules,
    );
    const order = ['<gm:Kopfdaten>', 'erstes', '<gm:Vorgangsnummer>', 'nach-vorgangsnummer', 'nach-eingangsdatum', '<gm:Gemeindeschluessel>'].map((t) => at(lines, t));
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines.some((l) => l.includes('<gm:Eingangsdatum>'))).toBe(false);
  });

  it('an element without rules is written for its raw block', () => {
    const leer = `${ROOT}/${GM}Anlagen`;
    const rules = base.mapping.rules.filter((r) => !r.target.startsWith(leer));
    const { lines } = compile([{ xslt: '<xsl:comment>nur roh</xsl:comment>', parent: leer }], rules);
    expect(at(lines, '<gm:Anlagen>')).toBeLessThan(at(lines, 'nur roh'));
  });

  it('a block whose element is gone: reported, and still printed', () => {
    const { lines, codes } = compile([{ xslt: '<xsl:comment>verwaist</xsl:comment>', parent: `${ROOT}/${GM}GibtEsNicht` }]);
    expect(codes).toContain('mapping.raw-orphan');
    expect(at(lines, 'verwaist')).toBeGreaterThan(at(lines, '</gm:Gewerbemeldung>'));
    expect(at(lines, 'verwaist')).toBeLessThan(at(lines, '</xsl:template>'));
  });
});
