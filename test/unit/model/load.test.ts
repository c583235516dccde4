import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../src/core/model/load.ts';
import { applyOp, linkOp } from '../../../src/core/model/ops.ts';
import type { Project } from '../../../src/core/model/project.ts';

const minimal = {
  formatVersion: 1,
  id: 'p1',
  name: 'Test',
  systems: [{ id: 'a', kind: 'application-assistant', name: 'Amt24' }],
  flows: [{ id: 'f1', scenarioCode: 'A1', title: 'Neu', from: { systemId: 'a' }, to: { systemId: 'a' } }],
};

describe('loadProject', () => {
  it('fills defaults and round-trips', () => {
    const r = loadProject(JSON.stringify(minimal));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.flows[0].mapping.rules).toEqual([]);
    expect(r.project.systems[0].adapters).toEqual([]);
    const again = loadProject(saveProject(r.project));
    expect(again.ok && again.project).toEqual(r.project);
  });

  it('reports JSON syntax errors with line and column', () => {
    const r = loadProject('{\n  "formatVersion": 1,\n  "id": "x",,\n}', 'p.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].code).toBe('project.json-syntax');
    expect(r.errors[0].location).toMatchObject({ file: 'p.json', line: 3 });
  });

  it('rejects a foreign JSON file', () => {
    const r = loadProject('{"name": "package", "version": "1.0.0"}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].code).toBe('project.foreign-file');
  });

  it('locates schema violations in the file', () => {
    const bad = JSON.stringify({ ...minimal, systems: [{ id: 'a', kind: 'spaceship', name: 'X' }] }, null, 2);
    const r = loadProject(bad, 'p.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].message).toContain('systems[0].kind');
    expect(r.errors[0].message).toMatch(/Ungültige Option: erwartet eine von .*application-assistant/);
    expect(r.errors[0].location?.line).toBe(bad.split('\n').findIndex((l) => l.includes('spaceship')) + 1);
  });

  it('refuses a newer format version with a clear message', () => {
    const r = loadProject(JSON.stringify({ ...minimal, formatVersion: 99 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/formatVersion 99/);
  });

  it('finds duplicate ids', () => {
    const r = loadProject(JSON.stringify({ ...minimal, systems: [...minimal.systems, ...minimal.systems] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].code).toBe('project.duplicate-id');
  });
});

describe('ops', () => {
  const p = (() => {
    const r = loadProject(JSON.stringify(minimal));
    if (!r.ok) throw new Error('fixture');
    return r.project;
  })();

  it('links, relinks and removes', () => {
    const f = p.flows[0];
    const p1 = applyOp(p, linkOp(f, '/a/b', '/x/y'));
    const rule = p1.flows[0].mapping.rules[0];
    expect(rule).toMatchObject({ id: 'r1', target: '/x/y', value: { kind: 'source', path: '/a/b' } });
    const p2 = applyOp(p1, linkOp(p1.flows[0], '/a/c', '/x/y'));
    expect(p2.flows[0].mapping.rules).toHaveLength(1);
    expect(p2.flows[0].mapping.rules[0].value).toEqual({ kind: 'source', path: '/a/c' });
    const p3 = applyOp(p2, { type: 'rule.remove', flowId: 'f1', ruleId: 'r1' });
    expect(p3.flows[0].mapping.rules).toHaveLength(0);
    // The original is untouched: ops are pure.
    expect(p.flows[0].mapping.rules).toHaveLength(0);
  });

  it('returns the same object when nothing matches', () => {
    const q: Project = applyOp(p, { type: 'rule.remove', flowId: 'nope', ruleId: 'r1' });
    expect(q).toBe(p);
  });
});
