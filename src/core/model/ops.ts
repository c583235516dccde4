/**
 * Every edit is a small typed operation applied by a pure function. Undo/redo, autosave, review diffs
 * and the CLI all work on these.
 */
import type { Expr } from './expr.ts';
import type { Flow, MappingRule, Project, System } from './project.ts';

export type Op =
  | { type: 'rule.set'; flowId: string; rule: MappingRule }
  | { type: 'rule.remove'; flowId: string; ruleId: string }
  | { type: 'system.move'; systemId: string; position: { x: number; y: number } }
  | { type: 'system.update'; systemId: string; patch: Partial<Omit<System, 'id' | 'adapters'>> }
  | { type: 'flow.update'; flowId: string; patch: Partial<Pick<Flow, 'title' | 'scenarioCode' | 'stage' | 'attachments'>> }
  | { type: 'sample.set'; flowId: string; sampleId: string; name: string; content: string }
  | { type: 'test.setExpected'; flowId: string; testId: string; expected: string }
  | { type: 'project.rename'; name: string };

function mapFlow(p: Project, flowId: string, f: (fl: Flow) => Flow): Project {
  let hit = false;
  const flows = p.flows.map((fl) => {
    if (fl.id !== flowId) return fl;
    hit = true;
    return f(fl);
  });
  return hit ? { ...p, flows } : p;
}

/** Applies an operation; returns the same object when nothing changed. */
export function applyOp(p: Project, op: Op): Project {
  switch (op.type) {
    case 'rule.set':
      return mapFlow(p, op.flowId, (fl) => {
        const rules = fl.mapping.rules;
        const i = rules.findIndex((r) => r.id === op.rule.id);
        const next = i >= 0 ? rules.map((r, j) => (j === i ? op.rule : r)) : [...rules, op.rule];
        return { ...fl, mapping: { ...fl.mapping, rules: next } };
      });
    case 'rule.remove':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, mapping: { ...fl.mapping, rules: fl.mapping.rules.filter((r) => r.id !== op.ruleId) } }));
    case 'system.move':
      return { ...p, systems: p.systems.map((s) => (s.id === op.systemId ? { ...s, position: op.position } : s)) };
    case 'system.update':
      return { ...p, systems: p.systems.map((s) => (s.id === op.systemId ? { ...s, ...op.patch } : s)) };
    case 'flow.update':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, ...op.patch }));
    case 'sample.set':
      return mapFlow(p, op.flowId, (fl) => {
        const exists = fl.samples.some((s) => s.id === op.sampleId);
        const samples = exists
          ? fl.samples.map((s) => (s.id === op.sampleId ? { ...s, name: op.name, content: op.content } : s))
          : [...fl.samples, { id: op.sampleId, name: op.name, content: op.content }];
        return { ...fl, samples };
      });
    case 'test.setExpected':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, tests: fl.tests.map((t) => (t.id === op.testId ? { ...t, expected: op.expected } : t)) }));
    case 'project.rename':
      return { ...p, name: op.name };
  }
}

/** A fresh rule id, unique within a flow. */
export function newRuleId(flow: Flow): string {
  let max = 0;
  for (const r of flow.mapping.rules) {
    const m = /^r(\d+)$/.exec(r.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `r${max + 1}`;
}

/** The op that links a source field to a target field (replacing any value the target had). */
export function linkOp(flow: Flow, sourcePath: string, targetPath: string): Op {
  return setValueOp(flow, targetPath, { kind: 'source', path: sourcePath });
}

/** The op that gives a target field a value expression, keeping the rule's other settings. */
export function setValueOp(flow: Flow, targetPath: string, value: Expr): Op {
  const existing = flow.mapping.rules.find((r) => r.target === targetPath);
  const rule: MappingRule = existing ? { ...existing, value } : { id: newRuleId(flow), target: targetPath, value };
  return { type: 'rule.set', flowId: flow.id, rule };
}
