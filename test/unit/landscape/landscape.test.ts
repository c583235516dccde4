/** The landscape core: checks, connection rules, operations, clipboard, blueprints, layout, flow status. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../../src/core/landscape/connect.ts';
import { copyLandscape, flowsOfSystems, pasteOp } from '../../../src/core/landscape/clipboard.ts';
import { defaultAdapters, PALETTE, uniqueId } from '../../../src/core/landscape/kinds.ts';
import { elkLayout } from '../../../src/core/landscape/layout-elk.ts';
import { gridLayout, movesTo, toLayoutGraph } from '../../../src/core/landscape/layout-graph.ts';
import { flowStatus, statusFrom } from '../../../src/core/landscape/status.ts';
import { flowsOnCycles, validateLandscape } from '../../../src/core/landscape/validate.ts';
import { loadProject, saveProject } from '../../../src/core/model/load.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import { emptyMapping, SYSTEM_KINDS, type Flow, type Project, type System } from '../../../src/core/model/project.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLE = readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8');
const sample = (): Project => {
  const r = loadProject(SAMPLE);
  if (!r.ok) throw new Error('sample does not load');
  return r.project;
};

const system = (id: string, kind: System['kind'], adapters = defaultAdapters(kind)): System => ({ id, kind, name: id.toUpperCase(), adapters, position: { x: 0, y: 0 } });
const flow = (id: string, from: string, to: string, extra: Partial<Flow> = {}): Flow => ({
  id,
  scenarioCode: 'A1',
  title: id,
  from: { systemId: from },
  to: { systemId: to },
  mapping: emptyMapping(),
  samples: [],
  tests: [],
  ...extra,
});
const project = (systems: System[], flows: Flow[] = [], extra: Partial<Project> = {}): Project => ({
  formatVersion: 1,
  id: 'p',
  name: 'P',
  systems,
  flows,
  schemas: [],
  organisations: [],
  ...extra,
});
const codes = (p: Project, code: string) => validateLandscape(p).all.filter((i) => i.code === code);

describe('landscape checks', () => {
  it('marks a system without adapters, a file adapter without directories and a flow without message type', () => {
    const p = project(
      [system('oaa', 'application-assistant', []), system('fv', 'specialised-system', [{ id: 'file', kind: 'file', settings: { inputDir: '/in', outputDir: ' ' } }])],
      [flow('f1', 'fv', 'oaa')],
    );
    expect(codes(p, 'system.no-adapters').map((i) => i.subject)).toEqual([{ type: 'system', id: 'oaa' }]);
    const dirs = codes(p, 'adapter.file-dirs');
    expect(dirs).toHaveLength(1);
    expect(dirs[0].subject).toEqual({ type: 'adapter', systemId: 'fv', id: 'file' });
    expect(dirs[0].de).toContain('Ausgangsverzeichnis');
    expect(dirs[0].de).not.toContain('Eingangsverzeichnis');
    expect(codes(p, 'flow.no-message-type').map((i) => i.subject)).toEqual([{ type: 'flow', id: 'f1' }]);
  });

  it('the sample project has no errors, only the missing target type of the pass-through flow', () => {
    const r = validateLandscape(sample());
    expect(r.all.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.all.map((i) => `${i.code}:${i.subject.type === 'flow' ? i.subject.id : ''}`)).toEqual(['flow.no-target-type:einreichung']);
  });

  it('a project whose flows point at deleted systems loads, and those flows are marked, not dropped', () => {
    const p = sample();
    const broken = { ...p, systems: p.systems.filter((s) => s.id !== 'gewerbefachverfahren') };
    const r = loadProject(saveProject(broken), 'kaputt.regelwerk.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.flows.map((f) => f.id)).toEqual(p.flows.map((f) => f.id));
    const report = validateLandscape(r.project);
    expect([...report.dangling]).toEqual(['a1-gewerberegister']);
    expect(report.byFlow.get('a1-gewerberegister')?.[0].de).toContain('„gewerbefachverfahren“ gibt es nicht');
  });

  it('marks flows through a removed adapter and flows to unknown schemas', () => {
    const p = sample();
    const q = applyOp(p, { type: 'landscape.adapter.remove', systemId: 'dms', adapterId: 'xta' });
    expect([...validateLandscape(q).dangling]).toEqual(['dms-vorgang']);
    const r = { ...p, schemas: p.schemas.filter((s) => s.id !== 'xdomea-3.0.0') };
    expect(codes(r, 'flow.unknown-schema').map((i) => i.subject)).toEqual([{ type: 'flow', id: 'dms-vorgang' }]);
  });

  it('finds the flows on cycles, and reports them only when the project forbids cycles', () => {
    const s = [system('a', 'integration-hub'), system('b', 'specialised-system'), system('c', 'records-system')];
    const fl = [flow('ab', 'a', 'b'), flow('ba', 'b', 'a'), flow('ac', 'a', 'c')];
    expect(flowsOnCycles(fl).sort()).toEqual(['ab', 'ba']);
    expect(codes(project(s, fl), 'flow.cycle')).toEqual([]);
    expect(codes(project(s, fl, { landscape: { acyclic: true } }), 'flow.cycle').map((i) => i.subject)).toEqual([
      { type: 'flow', id: 'ab' },
      { type: 'flow', id: 'ba' },
    ]);
  });

  it('handles a long chain of 5,000 systems without recursion', () => {
    const n = 5000;
    const fl = Array.from({ length: n }, (_, i) => flow(`f${i}`, `s${i}`, `s${(i + 1) % n}`));
    expect(flowsOnCycles(fl)).toHaveLength(n);
    expect(flowsOnCycles(fl.slice(0, -1))).toHaveLength(0);
  });
});

describe('connecting systems', () => {
  const base = () =>
    project([
      system('oaa', 'application-assistant'),
      system('hub', 'integration-hub'),
      system('fv', 'specialised-system'),
      system('dms', 'records-system'),
      system('leer', 'register', []),
      system('ihk', 'mandatory-recipient'),
    ]);

  it('refuses a flow into a system with no adapter, with the reason', () => {
    const r = checkConnection(base(), { systemId: 'hub', adapterId: 'file' }, { systemId: 'leer' });
    expect(r).toMatchObject({ ok: false, code: 'connect.target-no-adapter' });
    if (!r.ok) expect(r.de).toContain('„LEER“ hat keinen Adapter');
  });

  it('refuses self loops, flows out of mandatory recipients and unknown systems', () => {
    expect(checkConnection(base(), { systemId: 'fv' }, { systemId: 'fv' })).toMatchObject({ ok: false, code: 'connect.self' });
    expect(checkConnection(base(), { systemId: 'ihk' }, { systemId: 'hub' })).toMatchObject({ ok: false, code: 'connect.receive-only' });
    expect(checkConnection(base(), { systemId: 'weg' }, { systemId: 'hub' })).toMatchObject({ ok: false, code: 'connect.no-source' });
    expect(checkConnection(base(), { systemId: 'hub', adapterId: 'nix' }, { systemId: 'fv' })).toMatchObject({ ok: false, code: 'connect.unknown-adapter' });
  });

  it('needs the same adapter kind between two systems unless the hub is one end', () => {
    expect(checkConnection(base(), { systemId: 'fv', adapterId: 'file' }, { systemId: 'dms', adapterId: 'xta' })).toMatchObject({ ok: false, code: 'connect.adapter-mismatch' });
    expect(checkConnection(base(), { systemId: 'hub', adapterId: 'file' }, { systemId: 'dms', adapterId: 'xta' })).toEqual({
      ok: true,
      from: { systemId: 'hub', adapterId: 'file' },
      to: { systemId: 'dms', adapterId: 'xta' },
    });
  });

  it('fills in the target adapter of the same kind when the drop named none', () => {
    expect(checkConnection(base(), { systemId: 'oaa' }, { systemId: 'hub' })).toEqual({ ok: true, from: { systemId: 'oaa', adapterId: 'osci' }, to: { systemId: 'hub', adapterId: 'osci' } });
    expect(checkConnection(base(), { systemId: 'fv' }, { systemId: 'hub' })).toMatchObject({ ok: true, to: { adapterId: 'file' } });
  });

  it('refuses a cycle when the blueprint forbids it, naming the way back', () => {
    const p = { ...base(), flows: [flow('x', 'hub', 'fv', { from: { systemId: 'hub', adapterId: 'file' }, to: { systemId: 'fv', adapterId: 'file' } })] };
    expect(checkConnection(p, { systemId: 'fv' }, { systemId: 'hub' }).ok).toBe(true);
    const r = checkConnection({ ...p, landscape: { acyclic: true } }, { systemId: 'fv' }, { systemId: 'hub' });
    expect(r).toMatchObject({ ok: false, code: 'connect.cycle' });
    if (!r.ok) expect(r.de).toContain('HUB → FV');
  });
});

describe('landscape operations (through applyOp, so undo/redo and autosave apply)', () => {
  it('adds, moves, changes adapters, patches and removes', () => {
    let p = project([system('a', 'application-assistant')]);
    const before = p;
    p = applyOp(p, { type: 'landscape.add', systems: [system('b', 'integration-hub')], flows: [flow('f', 'a', 'b', { stage: 2 })] });
    expect(p.systems.map((s) => s.id)).toEqual(['a', 'b']);
    expect(before.systems).toHaveLength(1);
    // A clashing id is skipped: ids stay unique.
    expect(applyOp(p, { type: 'landscape.add', systems: [system('a', 'email')], flows: [] })).toBe(p);
    p = applyOp(p, { type: 'landscape.move', moves: [{ systemId: 'a', position: { x: 5, y: 6 } }, { systemId: 'b', position: { x: 0, y: 0 } }] });
    expect(p.systems[0].position).toEqual({ x: 5, y: 6 });
    expect(applyOp(p, { type: 'landscape.move', moves: [{ systemId: 'a', position: { x: 5, y: 6 } }] })).toBe(p);
    p = applyOp(p, { type: 'landscape.adapter.set', systemId: 'a', adapter: { id: 'mail', kind: 'email', settings: { address: 'x@y' } } });
    p = applyOp(p, { type: 'landscape.adapter.set', systemId: 'a', adapter: { id: 'osci', kind: 'osci', name: 'Versand', settings: {} } });
    expect(p.systems[0].adapters.map((a) => `${a.id}:${a.name ?? ''}`)).toEqual(['osci:Versand', 'mail:']);
    p = applyOp(p, { type: 'landscape.adapter.remove', systemId: 'a', adapterId: 'mail' });
    expect(p.systems[0].adapters).toHaveLength(1);
    p = applyOp(p, { type: 'landscape.flow.patch', flowId: 'f', patch: { title: 'Neu', direction: 'receipt', stage: undefined } });
    expect(p.flows[0]).toMatchObject({ title: 'Neu', direction: 'receipt' });
    expect('stage' in p.flows[0]).toBe(false);
    p = applyOp(p, { type: 'landscape.remove', systemIds: ['b'], flowIds: flowsOfSystems(p, ['b']) });
    expect(p.systems.map((s) => s.id)).toEqual(['a']);
    expect(p.flows).toEqual([]);
    expect(applyOp(p, { type: 'landscape.remove', systemIds: ['zz'], flowIds: [] })).toBe(p);
  });

  it('copy and paste: fresh ids, flows between pasted systems re-pointed, mappings copied deeply', () => {
    const p = sample();
    const clip = copyLandscape(p, ['integrationsdienst', 'gewerbefachverfahren']);
    expect(clip.flows.map((f) => f.id)).toEqual(['a1-gewerberegister']);
    const { op, systemIds, flowIds } = pasteOp(p, clip);
    expect(systemIds).toEqual(['integrationsdienst-2', 'gewerbefachverfahren-2']);
    expect(flowIds).toEqual(['a1-gewerberegister-2']);
    const q = applyOp(p, op);
    const pasted = q.flows.find((f) => f.id === 'a1-gewerberegister-2')!;
    expect(pasted.from.systemId).toBe('integrationsdienst-2');
    expect(pasted.to.systemId).toBe('gewerbefachverfahren-2');
    expect(pasted.mapping.rules.length).toBe(p.flows.find((f) => f.id === 'a1-gewerberegister')!.mapping.rules.length);
    expect(pasted.mapping).not.toBe(p.flows.find((f) => f.id === 'a1-gewerberegister')!.mapping);
    expect(q.systems.find((s) => s.id === 'integrationsdienst-2')!.position).toEqual({ x: 340, y: 140 });
    expect(loadProject(saveProject(q)).ok).toBe(true);
  });

  it('makes readable unique ids', () => {
    expect(uniqueId('Straßen Ämter / Süd', new Set())).toBe('strassen-amter-sud');
    expect(uniqueId('a', new Set(['a', 'a-2']))).toBe('a-3');
    expect(uniqueId('***', new Set())).toBe('id');
  });

  it('the palette has every system kind', () => {
    expect(new Set(PALETTE.map((e) => e.kind))).toEqual(new Set(SYSTEM_KINDS));
    for (const k of SYSTEM_KINDS) expect(defaultAdapters(k).length).toBeGreaterThan(0);
  });
});

describe('automatic layout', () => {
  it('builds the ELK graph without parallel flows, self loops or flows to missing systems', () => {
    const p = project([system('a', 'application-assistant'), system('b', 'integration-hub')], [flow('1', 'a', 'b'), flow('2', 'a', 'b'), flow('3', 'b', 'weg'), flow('4', 'a', 'a')]);
    const g = toLayoutGraph(p);
    expect(g.edges).toEqual([{ id: '1', sources: ['a'], targets: ['b'] }]);
    expect(g.layoutOptions['elk.direction']).toBe('RIGHT');
    expect(g.children.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('lays out left to right along the flows', async () => {
    const p = sample();
    const pos = await elkLayout(toLayoutGraph(p));
    expect(pos.amt24.x).toBeLessThan(pos.integrationsdienst.x);
    expect(pos.integrationsdienst.x).toBeLessThan(pos.gewerbefachverfahren.x);
    expect(pos.integrationsdienst.x).toBeLessThan(pos.dms.x);
    const moved = applyOp(p, { type: 'landscape.move', moves: movesTo(p, pos) });
    expect(moved.systems.find((s) => s.id === 'dms')!.position).toEqual(pos.dms);
    const grid = gridLayout(toLayoutGraph(p));
    expect(Object.keys(grid)).toHaveLength(4);
  });
});

describe('flow status badge', () => {
  it('no mapping, draft, compiles, tests pass or fail', () => {
    const p = sample();
    const a1 = p.flows.find((f) => f.id === 'a1-gewerberegister')!;
    expect(flowStatus(p, p.flows.find((f) => f.id === 'einreichung')!)).toBe('no-mapping');
    expect(flowStatus(p, a1)).toBe('compiles');
    expect(flowStatus(p, a1, { passed: 3, failed: 0 })).toBe('tests-pass');
    expect(flowStatus(p, a1, { passed: 2, failed: 1 })).toBe('tests-fail');
    expect(flowStatus(p, { ...a1, target: undefined })).toBe('draft');
    // A target type whose schema is missing cannot compile: draft.
    expect(flowStatus({ ...p, schemas: p.schemas.filter((s) => s.id !== 'gewerberegister-import') }, a1)).toBe('draft');
    expect(statusFrom(a1, { xslt: '<x/>', errors: 1 })).toBe('draft');
  });
});
