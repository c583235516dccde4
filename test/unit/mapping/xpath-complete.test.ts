/**
 * Completion of the XPath escape hatch on the sample flow a1-gewerberegister: source steps after `/` as
 * the compiler writes them, relative steps inside a loop, functions, parameters and variables; and
 * expressions assembled only from accepted suggestions compile and give the expected output.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileFlow, compileProjectFlow } from '../../../src/core/compiler/index.ts';
import { completeXPath, type XPathCompletion } from '../../../src/core/mapping/xpath-complete.ts';
import { loopContexts, xpathScope, type ExprPart } from '../../../src/core/mapping/xpath-scope.ts';
import { emptyMapping, type Flow, type Project } from '../../../src/core/model/project.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';
import { sampleProject } from '../run/helpers.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');
function run(xslt: string, xml: string): string {
  return SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml($xml), 'delivery-format': 'serialized'})?output", [], { params: { xsl: xslt, xml } });
}

const project = sampleProject();
const a1 = project.flows.find((f) => f.id === 'a1-gewerberegister')!;
const src = messageTree(project.schemas, a1.source).tree!;
const tgt = messageTree(project.schemas, a1.target).tree!;
const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const T = (...steps: string[]) => `/{${GM}}Gewerbemeldung/${steps.map((s) => `{${GM}}${s}`).join('/')}`;
const ANLAGE = T('Anlagen', 'Anlage');

function complete(text: string, opts: { target?: string; part?: ExprPart; flow?: Flow; offset?: number } = {}) {
  const f = opts.flow ?? a1;
  return completeXPath(text, opts.offset ?? text.length, xpathScope(f, src, tgt, opts.target, opts.part ?? 'value'));
}
const labels = (items: XPathCompletion[]) => items.map((i) => i.label);

/** Types `text`, accepts the suggestion labelled `label` (as the editor does: replaces from..to). */
function accept(text: string, label: string, opts: { target?: string; flow?: Flow } = {}): string {
  const c = complete(text, opts);
  const item = c.items.find((i) => i.label === label);
  if (!item) throw new Error(`no suggestion ${label} after "${text}": ${labels(c.items).slice(0, 20).join(', ')}`);
  return text.slice(0, c.from) + item.insertText + text.slice(c.to);
}

function withValue(flow: Flow, ruleId: string, text: string): Flow {
  return { ...flow, mapping: { ...flow.mapping, rules: flow.mapping.rules.map((r) => (r.id === ruleId ? { ...r, value: { kind: 'xpath', text } } : r)) } };
}

function runFlow(f: Flow): string {
  const p: Project = { ...project, flows: project.flows.map((x) => (x.id === f.id ? f : x)) };
  const r = compileProjectFlow(p, f);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return run(r.xslt, f.samples[0].content);
}

describe('source path completion', () => {
  it('offers the root after "/" and filters by what is typed, replacing the typed part', () => {
    const c = complete('/serv');
    expect(labels(c.items)).toEqual(['serviceportal-fields']);
    expect([c.from, c.to]).toEqual([1, 5]);
  });

  it('offers child steps of the path typed so far, in schema order', () => {
    expect(labels(complete('/serviceportal-fields/').items)).toEqual(['antragsmetadaten', 'antragsteller', 'anschriftAntragsteller', 'betrieb', 'betriebsanschrift', 'taetigkeiten', 'beschaeftigte', 'anlagen', 'erklaerungen']);
    expect(labels(complete('/serviceportal-fields/betrieb/instance_1/r').items)).toEqual(['rechtsform', 'registergericht', 'registernummer']);
    const leaf = complete('/serviceportal-fields/betrieb/instance_1/betriebsn').items[0];
    expect(leaf.detail).toBe('string · 1..1');
  });

  it('writes Amt24 groups as the compiler does: instance_1 when single, a name test when repeating', () => {
    expect(labels(complete('/serviceportal-fields/betrieb/').items)).toEqual(['instance_1']);
    expect(labels(complete('/serviceportal-fields/taetigkeiten/').items)).toEqual(["*[starts-with(local-name(), 'instance_')]"]);
    // Both spellings lead on to the group's fields.
    expect(labels(complete("/serviceportal-fields/taetigkeiten/*[starts-with(local-name(), 'instance_')]/").items)).toEqual(['taetigkeitBeschreibung', 'haupttaetigkeit']);
    expect(labels(complete('/serviceportal-fields/taetigkeiten/instance_2/').items)).toEqual(['taetigkeitBeschreibung', 'haupttaetigkeit']);
  });

  it('offers descendants after "//" and nothing for a path that leaves the schema', () => {
    expect(labels(complete('//betriebsn').items)).toEqual(['betriebsname']);
    expect(complete('/serviceportal-fields/gibtsnicht/').items).toEqual([]);
  });

  it('offers nothing inside string literals and comments', () => {
    expect(complete("concat('/serv").items).toEqual([]);
    expect(complete('(: /serv').items).toEqual([]);
    expect(labels(complete("concat('a/b', /serv").items)).toEqual(['serviceportal-fields']);
  });

  it('inside a loop, offers steps relative to the loop item, and keeps absolute paths working', () => {
    expect(loopContexts(a1, src, tgt, T('Anlagen', 'Anlage', 'Dateiname')).map((c) => c.source)).toEqual(['/serviceportal-fields/anlagen/instance_*']);
    const target = T('Anlagen', 'Anlage', 'Dateiname');
    expect(labels(complete('', { target }).items.filter((i) => i.kind === 'element'))).toEqual(['anlageart', 'datei']);
    expect(labels(complete('datei/', { target }).items)).toEqual(['base64Data', 'mimetype', 'filename']);
    expect(labels(complete('current()/', { target }).items)).toEqual(['anlageart', 'datei']);
    expect(labels(complete('/serviceportal-fields/an', { target }).items)).toEqual(['antragsmetadaten', 'antragsteller', 'anschriftAntragsteller', 'anlagen']);
    // Outside the loop a relative path starts at the document.
    expect(labels(complete('').items.filter((i) => i.kind === 'element'))).toEqual(['serviceportal-fields']);
  });

  it('offers the fields of the node a predicate filters', () => {
    expect(labels(complete('/serviceportal-fields/antragsteller/instance_1[vor').items)).toEqual(['vorname']);
    expect(labels(complete('/serviceportal-fields/antragsteller/instance_1[contains(vor').items)).toEqual(['vorname']);
  });

  it('uses the flow\'s prefixes for namespaced sources (Q{uri} when none is declared)', () => {
    const ns = 'urn:test:quelle';
    const s = inferFromXml([{ name: 's.xml', content: `<q:Antrag xmlns:q="${ns}" id="7"><q:Name>Ada</q:Name></q:Antrag>` }]);
    const tree = s.tree(s.roots[0])!;
    const f: Flow = { ...a1, mapping: { ...emptyMapping(), namespaces: { qu: ns } } };
    const scope = xpathScope(f, tree, undefined, undefined, 'value');
    expect(labels(completeXPath('/', 1, scope).items)).toEqual(['qu:Antrag']);
    expect(labels(completeXPath('/qu:Antrag/', 11, scope).items)).toEqual(['@id', 'qu:Name']);
    expect(labels(completeXPath('/qu:Antrag/@', 12, scope).items)).toEqual(['@id']);
    const bare = xpathScope({ ...f, mapping: emptyMapping() }, tree, undefined, undefined, 'value');
    expect(labels(completeXPath('/', 1, bare).items)).toEqual([`Q{${ns}}Antrag`]);
  });
});

describe('function and variable completion', () => {
  it('offers fn: functions with their signature and puts the cursor between the parentheses', () => {
    const c = complete('upper');
    expect(labels(c.items)).toEqual(['upper-case']);
    expect(c.items[0].detail).toBe('upper-case($value as xs:string?) as xs:string');
    expect(c.items[0].insertText).toBe('upper-case()');
    expect(c.items[0].caret).toBe('upper-case('.length);
    expect(complete('current-d').items[0].caret).toBe('current-date()'.length);
  });

  it('offers parameters, variables and value maps after "$"', () => {
    const f: Flow = { ...a1, mapping: { ...a1.mapping, parameters: [{ name: 'amt', type: 'string' }], variables: [{ name: 'heute', value: { kind: 'xpath', text: 'current-date()' } }] } };
    expect(labels(complete('$', { flow: f }).items)).toEqual(['$amt', '$heute', '$vm-rechtsform', '$vm-anrede', '$vm-wirtschaftsbereich']);
    expect(labels(complete('concat($he', { flow: f }).items)).toEqual(['$heute']);
    // Without "$" typed, a name still finds its variable.
    expect(labels(complete('am', { flow: f }).items)).toContain('$amt');
  });

  it('offers current() only inside a loop, current-group() only in a group loop', () => {
    expect(labels(complete('curr').items)).toEqual(['current-date', 'current-dateTime', 'current-time']);
    const target = T('Anlagen', 'Anlage', 'Dateiname');
    expect(labels(complete('curr', { target }).items)).toContain('current');
    expect(labels(complete('curr', { target }).items)).not.toContain('current-group');
    const grouped: Flow = { ...a1, mapping: { ...a1.mapping, rules: a1.mapping.rules.map((r) => (r.target === ANLAGE ? { ...r, forEach: { ...r.forEach!, groupBy: { kind: 'xpath', text: 'anlageart' } } } : r)) } };
    expect(labels(complete('current-g', { target, flow: grouped }).items)).toEqual(['current-group', 'current-grouping-key']);
    expect(labels(complete('current-g', { target: ANLAGE, part: 'groupBy', flow: grouped }).items)).toEqual([]);
  });
});

// The a1 rule writes its target namespace as the default namespace: output elements are unprefixed.
describe('accepted suggestions compile and run', () => {
  it('an absolute path built from suggestions gives the sample value', () => {
    let x = '/';
    for (const l of ['serviceportal-fields', 'betrieb', 'instance_1', 'betriebsname']) x = accept(x, l) + '/';
    x = 'upper-case(' + x.slice(0, -1) + ')';
    expect(x).toBe('upper-case(/serviceportal-fields/betrieb/instance_1/betriebsname)');
    expect(runFlow(withValue(a1, 'r7', x))).toContain('<Name>FAHRRADWERKSTATT BÖHME</Name>');
  });

  it('a relative path inside the loop reads the loop item', () => {
    const target = T('Anlagen', 'Anlage', 'Dateiname');
    let x = accept('lower-c', 'lower-case', { target }); // "lower-case()"
    x = accept(x.slice(0, -1), 'datei', { target });
    x = accept(x + '/', 'filename', { target }) + ')';
    expect(x).toBe('lower-case(datei/filename)');
    expect(runFlow(withValue(a1, 'r33', x))).toContain('<Dateiname>mietvertrag_werkstatt.pdf</Dateiname>');
  });

  it('a repeating group step as suggested selects every instance', () => {
    let x = '/';
    for (const l of ['serviceportal-fields', 'taetigkeiten', "*[starts-with(local-name(), 'instance_')]", 'taetigkeitBeschreibung']) x = accept(x, l) + '/';
    x = `count(${x.slice(0, -1)})`;
    const out = runFlow(withValue(a1, 'r7', x));
    const n = (a1.samples[0].content.match(/<taetigkeitBeschreibung>/g) ?? []).length;
    expect(n).toBeGreaterThan(0);
    expect(out).toContain(`<Name>${n}</Name>`);
  });

  // The rule declares a source namespace only when a structured part reads it (compile.ts); here one does.
  it('a namespaced source path with the flow\'s prefix compiles and runs', () => {
    const ns = 'urn:test:quelle';
    const xml = `<q:Antrag xmlns:q="${ns}"><q:Name>Ada</q:Name></q:Antrag>`;
    const s = inferFromXml([{ name: 's.xml', content: xml }]);
    const t = inferFromXml([{ name: 't.xml', content: '<out><v/></out>' }]);
    const source = s.tree(s.roots[0])!;
    const target = t.tree(t.roots[0])!;
    const f: Flow = { ...a1, samples: [], tests: [], mapping: { ...emptyMapping(), namespaces: { qu: ns }, rules: [] } };
    const scope = xpathScope(f, source, target, '/out/v', 'value');
    let x = '/';
    for (const l of ['qu:Antrag', 'qu:Name']) {
      const c = completeXPath(x, x.length, scope);
      x = x.slice(0, c.from) + c.items.find((i) => i.label === l)!.insertText + '/';
    }
    expect(x).toBe('/qu:Antrag/qu:Name/');
    const flowWith: Flow = {
      ...f,
      mapping: { ...f.mapping, rules: [{ id: 'r0', target: '/out', condition: { kind: 'source', path: `/{${ns}}Antrag` } }, { id: 'r1', target: '/out/v', value: { kind: 'xpath', text: x.slice(0, -1) } }] },
    };
    const r = compileFlow({ project: { id: 'p', name: 'P' }, flow: flowWith, source, target });
    expect(run(r.xslt, xml)).toContain('<v>Ada</v>');
  });
});
