import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeAutoMap, similarity } from '../../../src/core/mapping/automap.ts';
import { loadProject } from '../../../src/core/model/load.ts';
import { applyOp, linkManyOp } from '../../../src/core/model/ops.ts';
import { emptyMapping, type Flow } from '../../../src/core/model/project.ts';
import { messageTree } from '../../../src/core/schema/index.ts';
import { inferFromXml } from '../../../src/core/schema/instance.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

function flow(): Flow {
  return { id: 'f', scenarioCode: 'A', title: 'T', from: { systemId: 'a' }, to: { systemId: 'b' }, mapping: emptyMapping(), samples: [], tests: [] };
}

describe('auto-map', () => {
  it('matches same names, similar names and FIM ids, never a repeating source into a single target', () => {
    const s = inferFromXml([
      { name: 's', content: '<a><Vorname>x</Vorname><nachName>y</nachName><F60000227>z</F60000227><t><instance_1><Ort>o</Ort></instance_1><instance_2><Ort>p</Ort></instance_2></t></a>' },
    ]);
    const t = inferFromXml([{ name: 't', content: '<b><vorname>x</vorname><Nachname>y</Nachname><Familienname_F60000227>z</Familienname_F60000227><Ort>o</Ort></b>' }]);
    const props = proposeAutoMap(flow(), s.tree(s.roots[0])!, t.tree(t.roots[0])!);
    const byTarget = Object.fromEntries(props.map((p) => [p.target, p]));
    expect(byTarget['/b/vorname']).toMatchObject({ source: '/a/Vorname', kind: 'same-name' });
    expect(byTarget['/b/Nachname']).toMatchObject({ source: '/a/nachName', kind: 'same-name' });
    expect(byTarget['/b/Familienname_F60000227']).toMatchObject({ source: '/a/F60000227', kind: 'fim-id' });
    expect(byTarget['/b/Ort']).toBeUndefined();
  });

  it('similarity is symmetric and bounded', () => {
    expect(similarity('strasse', 'strase')).toBeGreaterThan(0.8);
    expect(similarity('abc', 'xyz')).toBe(0);
    expect(similarity('plz', 'plz')).toBe(1);
  });

  it('proposes links on the real sample trees and they apply as one undo step with distinct ids', () => {
    const r = loadProject(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
    if (!r.ok) throw new Error('sample');
    const f = { ...r.project.flows.find((x) => x.id === 'dms-vorgang')!, mapping: emptyMapping() };
    const src = messageTree(r.project.schemas, f.source).tree!;
    const tgt = messageTree(r.project.schemas, f.target).tree!;
    const props = proposeAutoMap(f, src, tgt);
    expect(props.length).toBeGreaterThan(3);
    const p2 = applyOp({ ...r.project, flows: [f] }, linkManyOp(f, props));
    const ids = p2.flows[0].mapping.rules.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(props.length);
  });
});
