import { afterAll, describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { prettyPrintXml } from '../../../src/core/runner/engine.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { offsetOf, scanElements, stripTrace, traceAt, traceMarks } from '../../../src/ui/run/trace.ts';
import { nearestInTree } from '../../../src/ui/run/useOutput.ts';
import { sampleProject } from './helpers.ts';

const p = sampleProject();
const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const engine = createNodeEngine();
afterAll(() => engine.dispose());

const ruleOf = (target: string) => a1.mapping.rules.find((r) => r.target === target)!.id;

describe('trace from an output node to its mapping', () => {
  it('maps elements, attributes and unmapped frames of the real a1 output to their rules', async () => {
    const input = a1.samples[0].content;
    const normal = await engine.transform({ stylesheet: compileProjectFlow(p, a1).xslt, input });
    const traced = await engine.transform({ stylesheet: compileProjectFlow(p, a1, { trace: true }).xslt, input });
    if (!normal.ok || !traced.ok) throw new Error('run failed');
    const shown = prettyPrintXml(normal.output);
    // The trace run has the same elements in the same order.
    expect(prettyPrintXml(stripTrace(traced.output))).toBe(shown);
    const marks = traceMarks(traced.output);
    const at = (needle: string, delta = 1) => traceAt(shown, shown.indexOf(needle) + delta, marks);

    expect(at('<Name>')?.ruleId).toBe(ruleOf(`/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`));
    expect(at('<Name>')?.exact).toBe(true);
    // Clicking the text inside the element counts as the element.
    expect(at('<Name>', '<Name>'.length + 2)?.ruleId).toBe(ruleOf(`/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Name`));
    // An attribute with its own rule.
    const hit = at('istHaupttaetigkeit=', 3);
    expect(hit?.attribute).toBe('istHaupttaetigkeit');
    expect(hit?.ruleId).toBe(ruleOf(`/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Taetigkeiten/{${GM}}Taetigkeit/@istHaupttaetigkeit`));
    // The element itself of a repeated group: the loop rule.
    expect(at('<Taetigkeit ')?.ruleId).toBe(ruleOf(`/{${GM}}Gewerbemeldung/{${GM}}Betrieb/{${GM}}Taetigkeiten/{${GM}}Taetigkeit`));
    // A frame element without a rule: nothing exact (the root).
    const root = at('<Gewerbemeldung');
    expect(root?.exact).toBe(false);
  });

  it('scans elements with offsets, skipping comments, CDATA and instructions', () => {
    const xml = '<?xml version="1.0"?>\n<!-- <no/> --><a x="1" y=\'<\'><![CDATA[<no/>]]><?regelwerk-rule r1 @k=r2?><b k="v"/>text<c>t</c></a>';
    const spans = scanElements(xml);
    expect(spans.map((s) => xml.slice(s.start, s.openEnd))).toEqual(['<a x="1" y=\'<\'>', '<b k="v"/>', '<c>']);
    expect(spans.map((s) => s.parent)).toEqual([-1, 0, 0]);
    expect(xml.slice(spans[0].start, spans[0].end).endsWith('</a>')).toBe(true);
    const marks = traceMarks(xml);
    expect(marks.get(1)).toEqual({ rule: 'r1', attrs: { k: 'r2' } });
    expect(traceAt(xml, xml.indexOf('k="v"') + 1, marks)).toMatchObject({ ruleId: 'r2', attribute: 'k' });
    expect(traceAt(xml, xml.indexOf('<c>') + 1, marks)).toEqual({ element: 2, exact: false });
    expect(offsetOf('ab\ncd\nef', 3, 2)).toBe(7);
  });

  it('falls back from a node the schema does not have to its nearest known ancestor', () => {
    const known = new Set(['/a', '/a/b']);
    expect(nearestInTree('/a/b/@x', (q) => known.has(q))).toBe('/a/b');
    expect(nearestInTree('/{u}z', (q) => known.has(q))).toBeUndefined();
    expect(nearestInTree('/a/{u/v}c', (q) => known.has(q))).toBe('/a');
  });
});
