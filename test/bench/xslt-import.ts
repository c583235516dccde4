/**
 * XSLT import speed: reading back the rule of a 1,000-link mapping (parse, template walk, XPath →
 * expressions) vs SaxonJS compiling the same XSLT text. Importing a rule should not take longer than
 * a quarter of what the engine needs to compile it (target ≤ 0.25).
 */
import { createRequire } from 'node:module';
import { compileProjectFlow } from '../../src/core/compiler/index.ts';
import { loadProject } from '../../src/core/model/load.ts';
import { emptyMapping, type MappingRule } from '../../src/core/model/project.ts';
import { importXslt } from '../../src/core/xslt-import/index.ts';
import { row, time, type BenchRow } from './types.ts';

const SaxonJS = createRequire(import.meta.url)('saxon-js');

/** A project with one flow mapping 1,000 source fields to 1,000 target fields (every third through a function). */
function thousandLinks() {
  const n = 1000;
  const src = `<antrag><daten>${Array.from({ length: n }, (_, i) => `<f${i}>v${i}</f${i}>`).join('')}</daten></antrag>`;
  const tgt = `<t:ziel xmlns:t="urn:t"><t:block>${Array.from({ length: n }, (_, i) => `<t:g${i}>x</t:g${i}>`).join('')}</t:block></t:ziel>`;
  const rules: MappingRule[] = Array.from({ length: n }, (_, i) => ({
    id: `r${i + 1}`,
    target: `/{urn:t}ziel/{urn:t}block/{urn:t}g${i}`,
    value: i % 3 === 0 ? { kind: 'call', fn: 'upper-case', args: [{ kind: 'source', path: `/antrag/daten/f${i}` }] } : { kind: 'source', path: `/antrag/daten/f${i}` },
  }));
  const r = loadProject(
    JSON.stringify({
      formatVersion: 1,
      id: 'bench',
      name: 'Bench',
      systems: [{ id: 'a', kind: 'application-assistant', name: 'A' }, { id: 'b', kind: 'specialised-system', name: 'B' }],
      schemas: [
        { id: 's', name: 'S', kind: 'sample-xml', files: [{ name: 's.xml', content: src }] },
        { id: 't', name: 'T', kind: 'sample-xml', files: [{ name: 't.xml', content: tgt }] },
      ],
      flows: [{ id: 'f', scenarioCode: 'B', title: 'Bench', from: { systemId: 'a' }, to: { systemId: 'b' }, source: { schemaId: 's', root: { ns: '', local: 'antrag' } }, target: { schemaId: 't', root: { ns: 'urn:t', local: 'ziel' } }, mapping: { ...emptyMapping(), rules, namespaces: { t: 'urn:t' } } }],
    }),
  );
  if (!r.ok) throw new Error('Bench-Projekt ungültig');
  return r.project;
}

/** Bench rows of the XSLT import. */
export async function benchXsltImport(): Promise<BenchRow[]> {
  const project = thousandLinks();
  const flow = project.flows[0];
  const xslt = compileProjectFlow(project, flow).xslt;
  const empty = { ...flow, mapping: emptyMapping() };
  const check = importXslt(xslt, { project, flow: empty });
  if (!check.ok || check.stats.rules !== 1000) throw new Error('Import der Bench-Regel fehlgeschlagen');
  const ours = await time(() => importXslt(xslt, { project, flow: empty }), 7, 2);
  const saxon = await time(
    () =>
      SaxonJS.XPath.evaluate("transform(map{'stylesheet-text': $xsl, 'source-node': parse-xml('<x/>'), 'delivery-format': 'serialized', 'cache': false()})?output", [], {
        params: { xsl: xslt },
      }),
    5,
    1,
  );
  return [row('xslt-import-1000-links', ours, saxon, 0.25, 'importing the rule of a 1,000-link mapping vs SaxonJS compiling the same XSLT')];
}
