/**
 * Trace on JSON output (test/fixtures/json-target): the trace compile of a JSON target writes the
 * json-to-xml() vocabulary with the trace instructions instead of calling xml-to-json(); its n-th fn:*
 * element is the n-th value of the JSON output, so a click in the JSON text finds its mapping. Clicks on
 * a key, on a value, on a member inside an array of objects, inside a string full of braces and quotes,
 * and on whitespace between members.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { loadProject } from '../../../src/core/model/load.ts';
import type { Flow, Project } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { jsonValueSpans, outputSpans, scanElements, stripTrace, traceJsonAt, traceMarks, traceOutputAt } from '../../../src/ui/run/trace.ts';
import { ROOT } from '../run/helpers.ts';

const loaded = loadProject(readFileSync(join(ROOT, 'test/fixtures/json-target/json-target.regelwerk.json'), 'utf8'), 'fixture');
if (!loaded.ok) throw new Error('fixture does not load');
const project: Project = loaded.project;
const flow: Flow = project.flows[0];
const engine = createNodeEngine();
afterAll(() => engine.dispose());

/** The normal output and the trace marks of a run of the flow on a sample text. */
async function runBoth(input: string) {
  const normal = await engine.transform({ stylesheet: compileProjectFlow(project, flow).xslt, input });
  const traced = await engine.transform({ stylesheet: compileProjectFlow(project, flow, { trace: true }).xslt, input });
  if (!normal.ok || !traced.ok) throw new Error('run failed');
  return { json: normal.output, traced: traced.output, marks: traceMarks(traced.output) };
}

describe('trace compile of a JSON target', () => {
  it('writes the JSON-as-XML with instructions instead of serialising it with xml-to-json()', () => {
    const normal = compileProjectFlow(project, flow).xslt;
    const traced = compileProjectFlow(project, flow, { trace: true }).xslt;
    expect(normal).toContain('xml-to-json($result');
    expect(normal).toContain('method="text"');
    expect(normal).not.toContain('regelwerk-rule');
    expect(traced).not.toContain('xml-to-json');
    expect(traced).toContain('method="xml"');
    expect(traced).toContain('<xsl:processing-instruction name="regelwerk-rule">j3</xsl:processing-instruction>');
  });
});

describe('a click in JSON output finds its mapping', () => {
  it('has one trace element per JSON value, in the same order and kind', async () => {
    const { json, traced } = await runBoth(flow.samples[0].content);
    const values = jsonValueSpans(json);
    const elements = scanElements(stripTrace(traced));
    expect(values.length).toBe(elements.length);
    expect(outputSpans(json, true)).toEqual(values);
    const kind = { object: 'map', array: 'array', string: 'string', number: 'number', boolean: 'boolean', null: 'null' } as const;
    const names = elements.map((e) => /^<fn:(\w+)/.exec(stripTrace(traced).slice(e.start, e.openEnd))?.[1]);
    expect(values.map((v) => kind[v.type as keyof typeof kind])).toEqual(names);
  });

  it('maps keys, values, members in an array of objects and whitespace to their rules', async () => {
    const { json, marks } = await runBoth(flow.samples[0].content);
    const at = (needle: string, delta = 1, from = 0) => {
      const i = json.indexOf(needle, from);
      if (i < 0) throw new Error(`no ${needle}`);
      return traceJsonAt(json, i + delta, marks);
    };
    expect(at('"vorgangsnummer"')).toMatchObject({ ruleId: 'j1', exact: true });
    // The value of a member, and the colon between key and value, are the member.
    expect(at('"AMT24-2026')).toMatchObject({ ruleId: 'j1', exact: true });
    expect(at('":"AMT24', 1)).toMatchObject({ ruleId: 'j1' });
    expect(at('"name"')).toMatchObject({ ruleId: 'j3', exact: true });
    expect(at('"teilzeitkraefte":1', 18)).toMatchObject({ ruleId: 'j4', exact: true });
    // Items of a string array: the loop rule; the array's key: its items' rule (the tree has no node of its own for it).
    expect(at('"Handel"')).toMatchObject({ ruleId: 'j5', exact: true });
    expect(at('"ausuebungAls"')).toMatchObject({ ruleId: 'j5', exact: false });
    // A member inside the second object of an array of objects.
    const second = json.indexOf('"beschreibung"', json.indexOf('"beschreibung"') + 1);
    expect(at('"beschreibung"', 3, second)).toMatchObject({ ruleId: 'j7', exact: true });
    expect(at('"haupttaetigkeit":false', 2)).toMatchObject({ ruleId: 'j8', exact: true });
    expect(at('false')).toMatchObject({ ruleId: 'j8', exact: true });
    // Whitespace between the members of an item object: the object, produced by the loop rule.
    const gap = json.indexOf('\n', json.indexOf('"beschreibung"', second));
    expect(json.slice(gap - 1, gap + 2)).toMatch(/^,\n /);
    expect(traceJsonAt(json, gap + 1, marks)).toMatchObject({ ruleId: 'j6', exact: true });
    // Whitespace between members of the root object: the root, which no rule produces.
    const rootGap = json.indexOf('\n"eingang"');
    const hit = traceJsonAt(json, rootGap, marks);
    expect(hit).toEqual({ element: 0, exact: false });
    expect(traceOutputAt(json, rootGap, marks, true)).toEqual(hit);
  });

  it('a string value with braces, brackets and quotes does not shift the values after it', async () => {
    const tricky = 'Werk {"a": [1, 2]} \\"B\\" }] {';
    const input = flow.samples[0].content.replace('Fahrradwerkstatt Böhme', tricky);
    const { json, traced, marks } = await runBoth(input);
    expect(JSON.parse(json).betrieb.name).toBe(tricky);
    expect(jsonValueSpans(json).length).toBe(scanElements(stripTrace(traced)).length);
    const inName = json.indexOf('[1, 2]');
    expect(traceJsonAt(json, inName, marks)).toMatchObject({ ruleId: 'j3', exact: true });
    expect(traceJsonAt(json, json.indexOf('}] {') + 1, marks)).toMatchObject({ ruleId: 'j3', exact: true });
    expect(traceJsonAt(json, json.indexOf('"teilzeitkraefte"') + 2, marks)).toMatchObject({ ruleId: 'j4', exact: true });
    expect(traceJsonAt(json, json.indexOf('"Handwerk"') + 2, marks)).toMatchObject({ ruleId: 'j5', exact: true });
  });
});

describe('JSON value spans', () => {
  it('lists values in document order with their parents; keys belong to their members', () => {
    const text = '{"a": [ {"b": "x{\\"}]"}, 2 ], "c": null}';
    const spans = jsonValueSpans(text);
    expect(spans.map((s) => s.type)).toEqual(['object', 'array', 'object', 'string', 'number', 'null']);
    expect(spans.map((s) => s.parent)).toEqual([-1, 0, 1, 2, 1, 0]);
    expect(text.slice(spans[1].start, spans[1].end)).toBe('"a": [ {"b": "x{\\"}]"}, 2 ]');
    expect(text.slice(spans[3].start, spans[3].end)).toBe('"b": "x{\\"}]"');
    expect(text.slice(spans[4].start, spans[4].end)).toBe('2');
  });

  it('is empty for text that is not JSON, so a broken output never lines up by accident', () => {
    expect(jsonValueSpans('{"a": 1,}')).toEqual([]);
    expect(jsonValueSpans('{"a": ')).toEqual([]);
    expect(jsonValueSpans('')).toEqual([]);
    expect(traceJsonAt('{"a": ', 2, new Map())).toBeUndefined();
  });

  it('handles deep nesting without recursion', () => {
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    const spans = jsonValueSpans(deep);
    expect(spans.length).toBe(3000);
    expect(spans[2999].parent).toBe(2998);
  });
});
