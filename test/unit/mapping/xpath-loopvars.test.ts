/**
 * Outer loop items in the XPath escape hatch: inside nested loops the compiler binds the items of the
 * outer loops to `$loop1` …; the SaxonJS check declares exactly those in scope where an expression sits,
 * completion offers them there (and the steps below them), and the compiled rule binds what a
 * hand-written expression reads, in both template modes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkXPaths, compileFlow, compileProjectFlow, variableOwner, xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { completeXPath, type XPathCompletion } from '../../../src/core/mapping/xpath-complete.ts';
import { loopVarRefs, xpathScope, type ExprPart } from '../../../src/core/mapping/xpath-scope.ts';
import type { Flow, MappingRule, Project } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { compareXml } from '../../../src/core/runner/xml-compare.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';
import { xpathLoopsProject } from '../run/helpers.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose?.());

// Orders with customers (outer loop) and their items (inner loop); the e2e test opens the same file.
const base = xpathLoopsProject();
const flow0 = base.flows[0];
const src = messageTree(base.schemas, flow0.source).tree!;
const tgt = messageTree(base.schemas, flow0.target).tree!;
const INPUT = flow0.samples[0].content;

/** The fixture's flow with rules replaced or added (by id), and the project holding it. */
function withRules(rules: MappingRule[], extra: Partial<Flow['mapping']> = {}): { p: Project; f: Flow } {
  const ids = new Set(rules.map((r) => r.id));
  const f: Flow = { ...flow0, mapping: { ...flow0.mapping, ...extra, rules: [...flow0.mapping.rules.filter((r) => !ids.has(r.id)), ...rules] } };
  return { p: { ...base, flows: [f] }, f };
}

/** Output without the indentation between elements. */
const flat = (xml: string) => xml.replace(/>\s+</g, '><');

const xp = (id: string, target: string, text: string): MappingRule => ({ id, target, value: { kind: 'xpath', text } });

async function run(p: Project, f: Flow, xpathErrors?: ReadonlyMap<string, string>): Promise<{ out: string; codes: string[] }> {
  const r = compileProjectFlow(p, f, { xpathErrors });
  const out = await engine.transform({ stylesheet: r.xslt, input: INPUT });
  if (!out.ok) throw new Error(`${out.error.message}\n${r.xslt}`);
  return { out: flat(out.output), codes: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.location?.path}`) };
}

function complete(f: Flow, text: string, target: string | undefined, part: ExprPart = 'value') {
  return completeXPath(text, text.length, xpathScope(f, src, tgt, target, part));
}
const labels = (items: XPathCompletion[]) => items.map((i) => i.label);

const LINE = (who: string, items: string[]) => `<k><n>${who}</n>${items.map((a) => `<zeile><text>${who}: ${a}</text></zeile>`).join('')}</k>`;
const EXPECTED = `<liste>${LINE('Ada', ['A1', 'A2'])}${LINE('Bob', ['B1'])}</liste>`;

describe('outer loop items in hand-written XPath', () => {
  it('finds the loop variables an expression reads, not those in literals or comments', () => {
    expect(loopVarRefs("concat($loop1/name, '$loop4', $ loop2) (: $loop5 :) || $loop12x || $loop3")).toEqual([0, 1, 2]);
    expect(loopVarRefs('$loop0 + $loops + $loop1-x')).toEqual([]);
  });

  it('(a) an outer loop item in a nested loop passes the check, compiles and runs with the expected output', async () => {
    const text = "concat($loop1/name, ': ', artikel)";
    const { p, f } = withRules([xp('r4', '/liste/k/zeile/text', text)]);
    expect(await checkXPaths(f, engine)).toEqual(new Map());
    expect(await checkXPaths(f, engine, new Map(), p.schemas)).toEqual(new Map());
    const r = compileProjectFlow(p, f);
    expect(r.xslt).toContain('<xsl:variable name="loop1" select="."/>');
    const { out, codes } = await run(p, f);
    expect(codes).toEqual([]);
    expect(compareXml(EXPECTED, out)).toEqual({ equal: true });
  });

  it('(a) also with a named template per structure: the loop item is passed in as a parameter', async () => {
    const text = "concat($loop1/name, ': ', artikel)";
    // Three rules below <k> make it a template of its own, called inside the outer loop.
    const { p, f } = withRules([xp('r4', '/liste/k/zeile/text', text), xp('r5', '/liste/k/zeile/nr', 'position()')], { options: { templates: 'structures' } });
    const r = compileProjectFlow(p, f);
    expect(r.xslt).toMatch(/<xsl:with-param name="loop1"/);
    const { out, codes } = await run(p, f);
    expect(codes).toEqual([]);
    expect(out).toContain('<text>Ada: A2</text><nr>2</nr>');
    expect(out).toContain('<text>Bob: B1</text><nr>1</nr>');
  });

  it('(b) the same variable outside its loop is an error; the rest of the rule still runs', async () => {
    const outside = '$loop1/name';
    const innermost = 'string($loop2/artikel)';
    const { p, f } = withRules([xp('r2', '/liste/k/n', outside), xp('r4', '/liste/k/zeile/text', innermost)], {
      variables: [{ name: 'gesamt', value: { kind: 'xpath', text: 'count($loop1)' } }],
    });
    for (const schemas of [undefined, p.schemas]) {
      const errors = await checkXPaths(f, engine, new Map(), schemas);
      // <n> sits in the outer loop only: its item is the context (.), there is no outer one; the same for
      // the innermost loop's own item, and a flow variable is outside every loop.
      expect([...errors.keys()].sort()).toEqual([xpathErrorKey('r2', 'value', outside), xpathErrorKey(variableOwner('gesamt'), 'variable', 'count($loop1)'), xpathErrorKey('r4', 'value', innermost)].sort());
      for (const msg of errors.values()) expect(msg).toMatch(/loop[12]/);
    }
    const errors = await checkXPaths(f, engine, new Map(), p.schemas);
    const { out, codes } = await run(p, f, errors);
    expect(codes.sort()).toEqual(['mapping.xpath-syntax@rule:r2', 'mapping.xpath-syntax@rule:r4', 'mapping.xpath-syntax@rule:var:gesamt'].sort());
    expect(out).toContain('<zeile><text/></zeile>');
  });

  it('a text valid in one place and not in another is broken only where it is broken; the other place runs', async () => {
    const text = '$loop1/name';
    const { p, f } = withRules([xp('r2', '/liste/k/n', text), xp('r4', '/liste/k/zeile/text', text)]);
    const errors = await checkXPaths(f, engine, new Map(), p.schemas);
    // <n> sits in the outer loop only (no $loop1 there); <text> in the inner loop, where $loop1 is the customer.
    expect([...errors.keys()]).toEqual([xpathErrorKey('r2', 'value', text)]);
    const { out, codes } = await run(p, f, errors);
    expect(codes).toEqual(['mapping.xpath-syntax@rule:r2']);
    expect(out).toContain('<zeile><text>Ada</text></zeile>');
  });

  it('knows the loop the trees imply (a repeating source linked to a repeating target) when given the schemas', async () => {
    const xml = '<a><p><n>P1</n><q>x</q><q>y</q></p><p><n>P2</n><q>z</q></p></a>';
    const s = inferFromXml([{ name: 's', content: xml }]);
    const t = inferFromXml([{ name: 't', content: '<o><pp><v>1</v><v>2</v></pp><pp><v>3</v></pp></o>' }]);
    const source = s.tree(s.roots[0])!;
    const target = t.tree(t.roots[0])!;
    const text = "concat($loop1/n, '-', .)";
    const rules: MappingRule[] = [
      { id: 'r1', target: '/o/pp', value: { kind: 'source', path: '/a/p' } }, // no forEach: the compiler loops over /a/p itself
      { id: 'r2', target: '/o/pp/v', forEach: { source: '/a/p/q' }, value: { kind: 'xpath', text } },
    ];
    const f: Flow = { ...flow0, mapping: { ...flow0.mapping, rules } };
    const p: Project = { ...base, schemas: [{ id: 's', name: 's', kind: 'sample-xml', files: [{ name: 's.xml', content: xml }] }, { id: 't', name: 't', kind: 'sample-xml', files: [{ name: 't.xml', content: '<o><pp><v>1</v><v>2</v></pp><pp><v>3</v></pp></o>' }] }], flows: [] };
    const g: Flow = { ...f, source: { schemaId: 's', root: { ns: '', local: 'a' } }, target: { schemaId: 't', root: { ns: '', local: 'o' } } };
    expect(await checkXPaths(g, engine, new Map(), p.schemas)).toEqual(new Map());
    // Without the trees the implicit loop is unknown: the check is stricter, never laxer.
    expect([...(await checkXPaths(g, engine)).keys()]).toEqual([xpathErrorKey('r2', 'value', text)]);
    const r = compileFlow({ project: p, flow: g, source, target });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const out = await engine.transform({ stylesheet: r.xslt, input: xml });
    expect(out.ok && flat(out.output)).toContain('<pp><v>P1-x</v><v>P1-y</v>');
    expect(out.ok && flat(out.output)).toContain('<pp><v>P2-z</v>');
  });
});

describe('(c) completion offers loop items only where they are in scope', () => {
  it('offers $loop1 in the inner loop with the loop and source path it holds', () => {
    const items = complete(flow0, '$', '/liste/k/zeile/text').items;
    expect(labels(items)).toEqual(['$loop1']);
    expect(items[0].detail).toBe('Schleife 1: /bestellung/kunde');
    expect(completeXPath('$lo', 3, xpathScope(flow0, src, tgt, '/liste/k/zeile/text', 'value'), 'en').items[0].detail).toBe('loop 1: /bestellung/kunde');
    // At an expression position too, after the steps relative to the loop item.
    expect(labels(complete(flow0, '', '/liste/k/zeile/text').items).slice(0, 2)).toEqual(['artikel', '$loop1']);
    // The inner loop's own filter runs inside the outer loop: its item is there as well.
    expect(labels(complete(flow0, '$', '/liste/k/zeile', 'filter').items)).toEqual(['$loop1']);
  });

  it('offers no loop item in the outer loop, outside every loop or in a flow variable', () => {
    expect(labels(complete(flow0, '$', '/liste/k/n').items)).toEqual([]);
    expect(labels(complete(flow0, '$', '/liste/k', 'filter').items)).toEqual([]);
    expect(labels(complete(flow0, '$', '/liste').items)).toEqual([]);
    expect(labels(complete(flow0, '$', undefined, 'variable').items)).toEqual([]);
  });

  it('offers the fields of the loop item after "$loop1/", and a flow variable of the same name is shadowed', () => {
    expect(labels(complete(flow0, '$loop1/', '/liste/k/zeile/text').items)).toEqual(['name', 'pos']);
    expect(labels(complete(flow0, '$loop1/pos/', '/liste/k/zeile/text').items)).toEqual(['artikel']);
    expect(complete(flow0, '$loop1/', '/liste/k/n').items).toEqual([]);
    const f: Flow = { ...flow0, mapping: { ...flow0.mapping, variables: [{ name: 'loop1', value: { kind: 'const', value: 'x' } }] } };
    expect(complete(f, '$', '/liste/k/zeile/text').items.map((i) => `${i.label} ${i.detail}`)).toEqual(['$loop1 Schleife 1: /bestellung/kunde']);
  });

  it('an expression built only from accepted suggestions passes the check and gives the expected output', async () => {
    const target = '/liste/k/zeile/text';
    const accept = (text: string, label: string) => {
      const c = complete(flow0, text, target);
      const it = c.items.find((i) => i.label === label);
      if (!it) throw new Error(`no ${label} after "${text}": ${labels(c.items).slice(0, 12)}`);
      return text.slice(0, c.from) + it.insertText + text.slice(c.to);
    };
    let x = accept('conc', 'concat'); // "concat()", the cursor between the parentheses
    x = accept(x.slice(0, -1) + '$lo', '$loop1');
    x = accept(x + '/', 'name');
    x = accept(x + ", ': ', art", 'artikel') + ')';
    expect(x).toBe("concat($loop1/name, ': ', artikel)");
    const { p, f } = withRules([xp('r4', target, x)]);
    expect(await checkXPaths(f, engine, new Map(), p.schemas)).toEqual(new Map());
    const { out } = await run(p, f);
    expect(compareXml(EXPECTED, out)).toEqual({ equal: true });
  });
});
