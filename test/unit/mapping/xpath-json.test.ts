/**
 * XPath completion for a JSON source: the compiler reads it through json-to-xml() into `$json` and writes
 * paths as `$json/fn:map/fn:map[@key='…']/…` (compile.ts, sourceXPath). Completion offers exactly those
 * steps (absolute from `$json`, relative inside loops, through array elements, from outer loop items), and
 * expressions built only from accepted suggestions pass the SaxonJS check, compile and run on a JSON sample.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkXPaths, compileProjectFlow, xpathErrorKey } from '../../../src/core/compiler/index.ts';
import { completeXPath, type XPathCompletion } from '../../../src/core/mapping/xpath-complete.ts';
import { xpathScope } from '../../../src/core/mapping/xpath-scope.ts';
import type { Flow, MappingRule, Project } from '../../../src/core/model/project.ts';
import { prepareInput } from '../../../src/core/runner/input.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { FN } from '../../../src/core/schema/json/paths.ts';
import { flowOf, JSON_SAMPLE, jsonProject, SMALL_NS } from '../xslt-import/fixtures.ts';

const engine = createNodeEngine();
afterAll(() => engine.dispose?.());

const base = jsonProject();
const flow0 = flowOf(base, 'json-xml');
const src = messageTree(base.schemas, flow0.source).tree!;
const tgt = messageTree(base.schemas, flow0.target).tree!;
const T = (...steps: string[]) => `/{${SMALL_NS.t}}Nachricht/${steps.map((s) => `{${SMALL_NS.t}}${s}`).join('/')}`;
const J = (...steps: string[]) => '/' + steps.map((s) => `{${FN}}${s}`).join('/');
const TAETIGKEIT = J('map', "array[@key='G17003530']", 'map');
const SCHLAGWORT = J('map', "array[@key='G17003530']", 'map', "array[@key='G17003531']", 'string');

/** The flow with these rules; the loop over the activities (Posten) and their keywords (Tag) nest. */
function withRules(rules: MappingRule[]): { p: Project; f: Flow } {
  const f: Flow = { ...flow0, mapping: { ...flow0.mapping, rules } };
  return { p: { ...base, flows: [f] }, f };
}
const LOOPS: MappingRule[] = [
  { id: 'l1', target: T('Posten'), forEach: { source: TAETIGKEIT } },
  { id: 'l2', target: T('Posten', 'Tag'), forEach: { source: SCHLAGWORT } },
];

/** Completion for a rule of the flow with both loops. */
function complete(text: string, target?: string) {
  return completeXPath(text, text.length, xpathScope({ ...flow0, mapping: { ...flow0.mapping, rules: LOOPS } }, src, tgt, target, 'value'));
}
const labels = (items: XPathCompletion[]) => items.map((i) => i.label);

/** Accepts the suggestion `label` after `text` as the editor does (replaces from..to), for a rule at `target`. */
function accept(text: string, label: string, target?: string): string {
  const c = complete(text, target);
  const item = c.items.find((i) => i.label === label);
  if (!item) throw new Error(`no ${label} after "${text}": ${labels(c.items).slice(0, 15).join(', ')}`);
  return text.slice(0, c.from) + item.insertText + text.slice(c.to);
}

async function check(p: Project, f: Flow): Promise<Map<string, string>> {
  return checkXPaths(f, engine, new Map(), p.schemas);
}

async function run(p: Project, f: Flow): Promise<string> {
  const r = compileProjectFlow(p, f, { xpathErrors: await check(p, f) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out = await engine.transform({ stylesheet: r.xslt, input: prepareInput(JSON_SAMPLE) });
  if (!out.ok) throw new Error(`${out.error.message}\n${r.xslt}`);
  return out.output.replace(/>\s+</g, '><');
}

describe('JSON source paths in completion', () => {
  it('starts an absolute path at $json: after "/" (replacing it), after "$" and at an expression position', () => {
    const slash = complete('upper-case(/');
    expect(labels(slash.items)).toEqual(['$json/fn:map']);
    expect([slash.from, slash.to]).toEqual(['upper-case('.length, 'upper-case(/'.length]);
    // The editor filters what the replaced range holds ("/" and what follows) on filterText.
    expect(slash.items[0].filterText).toBe('/fn:map');
    expect(labels(complete('$').items)).toEqual(['$json']);
    expect(complete('$').items[0].detail).toBe('JSON-Eingabe (json-to-xml)');
    expect(labels(complete('').items.filter((i) => i.kind === 'element'))).toEqual(['$json/fn:map']);
    expect(labels(complete('$json/').items)).toEqual(['fn:map']);
  });

  it('offers members as json-to-xml elements with their key, arrays through their array element', () => {
    expect(labels(complete('$json/fn:map/').items)).toEqual([
      "fn:map[@key='G17003529']",
      "fn:array[@key='G17003530']",
      "fn:boolean[@key='F60000230']",
      "fn:number[@key='F60000231']",
      "fn:string[@key=('Ort' || codepoints-to-string(47) || 'Straße ''alt''')]",
    ]);
    const person = complete("$json/fn:map/fn:map[@key='G17003529']/").items;
    expect(labels(person)).toEqual(["fn:string[@key='F17005454']", "fn:string[@key='F17005455']", "fn:string[@key='F60000227']"]);
    expect(person[1].detail).toBe('string · 1..1 · Familienname');
    // Typing the start of a key finds its member.
    expect(labels(complete("$json/fn:map/fn:map[@key='G17003529']/F1700545").items)).toEqual(["fn:string[@key='F17005454']", "fn:string[@key='F17005455']"]);
    expect(labels(complete("$json/fn:map/fn:array[@key='G17003530']/").items)).toEqual(['fn:map']);
    expect(labels(complete("$json/fn:map/fn:array[@key='G17003530']/fn:map/").items)).toEqual([
      "fn:string[@key='F17005500']",
      "fn:number[@key='F17005501']",
      "fn:array[@key='G17003531']",
    ]);
    expect(labels(complete('$json//F1700550').items)).toEqual(["fn:string[@key='F17005500']", "fn:number[@key='F17005501']"]);
  });

  it('inside loops: steps relative to the item, parent steps, and the outer item as $loop1', () => {
    expect(labels(complete('', T('Posten', 'Text')).items.filter((i) => i.kind === 'element'))).toEqual([
      "fn:string[@key='F17005500']",
      "fn:number[@key='F17005501']",
      "fn:array[@key='G17003531']",
    ]);
    const tag = T('Posten', 'Tag');
    const scope = xpathScope({ ...flow0, mapping: { ...flow0.mapping, rules: LOOPS } }, src, tgt, tag, 'value');
    const items = completeXPath('$', 1, scope).items;
    expect(labels(items)).toEqual(['$loop1', '$json']);
    expect(items[0].detail).toBe("Schleife 1: $json/fn:map/fn:array[@key='G17003530']/fn:map");
    expect(labels(completeXPath('$loop1/', 7, scope).items)).toEqual(["fn:string[@key='F17005500']", "fn:number[@key='F17005501']", "fn:array[@key='G17003531']"]);
    expect(labels(completeXPath('../../', 6, scope).items)).toEqual(["fn:string[@key='F17005500']", "fn:number[@key='F17005501']", "fn:array[@key='G17003531']"]);
    // An XML source keeps "/" for absolute paths and has no $json.
    expect(labels(completeXPath('$', 1, xpathScope(flowOf(base, 'xml-json'), messageTree(base.schemas, flowOf(base, 'xml-json').source).tree, undefined, undefined, 'value')).items)).toEqual([]);
  });
});

describe('expressions built only from accepted suggestions run on a JSON sample', () => {
  it('an absolute path from "/" through an object and a key with "/" and "\'" in it', async () => {
    let name = accept('upper-c', 'upper-case');
    name = accept(name.slice(0, -1) + '/', '$json/fn:map');
    name = accept(name + '/', "fn:map[@key='G17003529']");
    name = accept(name + '/F17005455', "fn:string[@key='F17005455']") + ')';
    expect(name).toBe("upper-case($json/fn:map/fn:map[@key='G17003529']/fn:string[@key='F17005455'])");
    let ort = accept('$js', '$json');
    ort = accept(ort + '/', 'fn:map');
    ort = accept(ort + '/fn:str', "fn:string[@key=('Ort' || codepoints-to-string(47) || 'Straße ''alt''')]");
    // Only hand-written XPath reads the source here: the rule must still declare the fn: prefix itself.
    const { p, f } = withRules([
      { id: 'r1', target: T('Person', 'Name'), value: { kind: 'xpath', text: name } },
      { id: 'r2', target: T('Person', 'Anschrift', 'Ort'), value: { kind: 'xpath', text: ort } },
    ]);
    expect(await check(p, f)).toEqual(new Map());
    const out = await run(p, f);
    // The target namespace is the rule's default namespace: output elements are unprefixed.
    expect(out).toContain('<Name>BÖHME</Name>');
    expect(out).toContain('<Ort>Dresden</Ort>');
  });

  it('a count over an array, relative steps in a loop, and the outer item in a nested loop', async () => {
    let n = accept('cou', 'count');
    n = accept(n.slice(0, -1), '$json/fn:map');
    n = accept(n + '/', "fn:array[@key='G17003530']");
    n = accept(n + '/', 'fn:map') + ')';
    expect(n).toBe("count($json/fn:map/fn:array[@key='G17003530']/fn:map)");
    const text = accept('', "fn:string[@key='F17005500']", T('Posten', 'Text'));
    const tagTarget = T('Posten', 'Tag');
    const tagAccept = (x: string, label: string) => {
      const scope = xpathScope({ ...flow0, mapping: { ...flow0.mapping, rules: LOOPS } }, src, tgt, tagTarget, 'value');
      const c = completeXPath(x, x.length, scope);
      const it = c.items.find((i) => i.label === label);
      if (!it) throw new Error(`no ${label} after "${x}": ${labels(c.items).slice(0, 15)}`);
      return x.slice(0, c.from) + it.insertText;
    };
    let tag = tagAccept('conc', 'concat').slice(0, -1);
    tag = tagAccept(tag + '$lo', '$loop1');
    tag = tagAccept(tag + '/', "fn:string[@key='F17005500']") + ", ':', .)";
    expect(tag).toBe("concat($loop1/fn:string[@key='F17005500'], ':', .)");
    const { p, f } = withRules([
      { id: 'r1', target: T('Kopf', 'Id'), value: { kind: 'xpath', text: n } },
      LOOPS[0],
      { id: 'r3', target: T('Posten', 'Text'), value: { kind: 'xpath', text } },
      { ...LOOPS[1], value: { kind: 'xpath', text: tag } },
    ]);
    expect(await check(p, f)).toEqual(new Map());
    const out = await run(p, f);
    expect(out).toContain('<Id>2</Id>');
    expect(out).toContain('<Posten><Text>Handel</Text><Tag>Handel:a</Tag><Tag>Handel:b</Tag></Posten>');
    expect(out).toContain('<Posten><Text>Reparatur</Text></Posten>');
  });

  it('the check knows $json only for a JSON source', async () => {
    const text = "$json/fn:map/fn:string[@key='x']";
    const xml = flowOf(base, 'xml-json');
    const f: Flow = { ...xml, mapping: { ...xml.mapping, rules: [{ id: 'r1', target: J('map', "string[@key='vorgangsnummer']"), value: { kind: 'xpath', text } }] } };
    expect([...(await checkXPaths(f, engine, new Map(), base.schemas)).keys()]).toEqual([xpathErrorKey('r1', 'value', text)]);
  });
});
