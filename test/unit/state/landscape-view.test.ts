/**
 * The landscape projection the canvas and the flow list render (src/ui/canvas/landscape.ts): a mapping
 * edit leaves it identical (so neither is re-rendered), a change the landscape shows replaces only the
 * changed flow.
 */
import { describe, expect, it } from 'vitest';
import { applyOp } from '../../../src/core/model/ops.ts';
import { landscapeOf } from '../../../src/ui/canvas/landscape.ts';
import { sampleProject } from '../run/helpers.ts';

describe('landscape projection', () => {
  it('stays the same object through mapping edits, changes with a title', () => {
    const p = sampleProject();
    const l1 = landscapeOf(p);
    expect(l1.flows.map((f) => f.id)).toEqual(p.flows.map((f) => f.id));
    expect('mapping' in l1.flows[1]).toBe(false);
    const f = p.flows[1];
    const p2 = applyOp(p, { type: 'rule.remove', flowId: f.id, ruleId: f.mapping.rules[0].id });
    expect(p2.flows[1]).not.toBe(f);
    expect(landscapeOf(p2, l1)).toBe(l1);
    const p3 = applyOp(p2, { type: 'landscape.flow.patch', flowId: f.id, patch: { title: 'Neu' } });
    const l3 = landscapeOf(p3, l1);
    expect(l3).not.toBe(l1);
    expect(l3.flows[1].title).toBe('Neu');
    expect(l3.flows[0]).toBe(l1.flows[0]);
    expect(l3.flows[2]).toBe(l1.flows[2]);
    // Another project never reuses the previous one's projection.
    expect(landscapeOf({ ...p, id: 'other' }, l1)).not.toBe(l1);
  });
});
