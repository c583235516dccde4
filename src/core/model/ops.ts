/**
 * Every edit is a small typed operation applied by a pure function. Undo/redo, autosave, review diffs
 * and the CLI all work on these.
 */
import { applyLandscapeOp, isLandscapeOp, type LandscapeOp } from './ops-landscape.ts';
import { applyOrgOp, isOrgOp, type OrgOp } from './ops-orgs.ts';
import type { Flow, MappingRule, MessageType, Parameter, Project, SchemaSet, System, TestCase, ValueMap, Variable } from './project.ts';

export type Op =
  | LandscapeOp
  | { type: 'rule.set'; flowId: string; rule: MappingRule }
  | { type: 'rule.remove'; flowId: string; ruleId: string }
  /** Several edits as one undo step (auto-map, paste). */
  | { type: 'batch'; ops: Op[] }
  /** Replaces a flow's whole mapping (XSLT import). */
  | { type: 'mapping.replace'; flowId: string; mapping: Flow['mapping'] }
  /** How the compiler writes the rule: inline (the default, stored as no option) or a template per structure. */
  | { type: 'mapping.setTemplates'; flowId: string; templates: 'inline' | 'structures' }
  | { type: 'valuemap.set'; flowId: string; valueMap: ValueMap }
  | { type: 'valuemap.remove'; flowId: string; id: string }
  | { type: 'param.set'; flowId: string; parameter: Parameter; oldName?: string }
  | { type: 'param.remove'; flowId: string; name: string }
  | { type: 'variable.set'; flowId: string; variable: Variable; oldName?: string }
  | { type: 'variable.remove'; flowId: string; name: string }
  | { type: 'system.move'; systemId: string; position: { x: number; y: number } }
  | { type: 'system.update'; systemId: string; patch: Partial<Omit<System, 'id' | 'adapters'>> }
  | { type: 'flow.update'; flowId: string; patch: Partial<Pick<Flow, 'title' | 'scenarioCode' | 'stage' | 'attachments'>> }
  | { type: 'sample.set'; flowId: string; sampleId: string; name: string; content: string }
  | { type: 'test.setExpected'; flowId: string; testId: string; expected: string }
  /** Removes a sample message (tests that use it then report it missing). */
  | { type: 'sample.remove'; flowId: string; sampleId: string }
  /** Adds or replaces a whole test case (name, input, organisation, expected output, ignore list). */
  | { type: 'test.set'; flowId: string; test: TestCase }
  | { type: 'test.remove'; flowId: string; testId: string }
  | { type: 'project.rename'; name: string }
  /** Adds a schema set, or replaces the one with the same id (schema import dialog). */
  | { type: 'schema.put'; schema: SchemaSet }
  /** Sets (or clears) a flow's source or target message type. */
  | { type: 'flow.setMessage'; flowId: string; side: 'source' | 'target'; message?: MessageType }
  /** Organisations and depot settings (ops-orgs.ts). */
  | OrgOp;

function mapFlow(p: Project, flowId: string, f: (fl: Flow) => Flow): Project {
  let hit = false;
  const flows = p.flows.map((fl) => {
    if (fl.id !== flowId) return fl;
    hit = true;
    return f(fl);
  });
  return hit ? { ...p, flows } : p;
}

function upsert<T>(list: readonly T[], item: T, same: (x: T) => boolean): T[] {
  const i = list.findIndex(same);
  return i >= 0 ? list.map((x, j) => (j === i ? item : x)) : [...list, item];
}

/** Applies an operation; returns the same object when nothing changed. */
export function applyOp(p: Project, op: Op): Project {
  if (isLandscapeOp(op)) return applyLandscapeOp(p, op);
  if (isOrgOp(op)) return applyOrgOp(p, op);
  switch (op.type) {
    case 'rule.set':
      return mapFlow(p, op.flowId, (fl) => {
        const rules = fl.mapping.rules;
        const i = rules.findIndex((r) => r.id === op.rule.id);
        const next = i >= 0 ? rules.map((r, j) => (j === i ? op.rule : r)) : [...rules, op.rule];
        return { ...fl, mapping: { ...fl.mapping, rules: next } };
      });
    case 'mapping.replace':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, mapping: op.mapping }));
    case 'mapping.setTemplates':
      return mapFlow(p, op.flowId, (fl) => {
        if ((fl.mapping.options?.templates ?? 'inline') === op.templates) return fl;
        const { options: _old, ...rest } = fl.mapping;
        return { ...fl, mapping: op.templates === 'inline' ? rest : { ...rest, options: { templates: op.templates } } };
      });
    case 'batch':
      return op.ops.reduce(applyOp, p);
    case 'valuemap.set':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, mapping: { ...fl.mapping, valueMaps: upsert(fl.mapping.valueMaps, op.valueMap, (v) => v.id === op.valueMap.id) } }));
    case 'valuemap.remove':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, mapping: { ...fl.mapping, valueMaps: fl.mapping.valueMaps.filter((v) => v.id !== op.id) } }));
    case 'param.set':
      return mapFlow(p, op.flowId, (fl) => ({
        ...fl,
        mapping: { ...fl.mapping, parameters: upsert(fl.mapping.parameters, op.parameter, (x) => x.name === (op.oldName ?? op.parameter.name)) },
      }));
    case 'param.remove':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, mapping: { ...fl.mapping, parameters: fl.mapping.parameters.filter((x) => x.name !== op.name) } }));
    case 'variable.set':
      return mapFlow(p, op.flowId, (fl) => ({
        ...fl,
        mapping: { ...fl.mapping, variables: upsert(fl.mapping.variables, op.variable, (x) => x.name === (op.oldName ?? op.variable.name)) },
      }));
    case 'variable.remove':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, mapping: { ...fl.mapping, variables: fl.mapping.variables.filter((x) => x.name !== op.name) } }));
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
    case 'sample.remove':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, samples: fl.samples.filter((s) => s.id !== op.sampleId) }));
    case 'test.set':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, tests: upsert(fl.tests, op.test, (t) => t.id === op.test.id) }));
    case 'test.remove':
      return mapFlow(p, op.flowId, (fl) => ({ ...fl, tests: fl.tests.filter((t) => t.id !== op.testId) }));
    case 'project.rename':
      return { ...p, name: op.name };
    case 'schema.put':
      return { ...p, schemas: upsert(p.schemas, op.schema, (x) => x.id === op.schema.id) };
    case 'flow.setMessage':
      return mapFlow(p, op.flowId, (fl) => {
        const next = { ...fl, [op.side]: op.message };
        if (!op.message) delete next[op.side];
        return next;
      });
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
  return updateRuleOp(flow, targetPath, { value: { kind: 'source', path: sourcePath } });
}

/** The op that changes a target's rule (value, loop, condition …), creating the rule if needed. */
export function updateRuleOp(flow: Flow, targetPath: string, patch: Partial<Omit<MappingRule, 'id' | 'target'>>): Op {
  const existing = flow.mapping.rules.find((r) => r.target === targetPath);
  const rule: MappingRule = { ...(existing ?? { id: newRuleId(flow), target: targetPath }), ...patch };
  // Drop keys set to undefined so the saved project stays clean.
  for (const k of Object.keys(rule) as (keyof MappingRule)[]) if (rule[k] === undefined) delete rule[k];
  return { type: 'rule.set', flowId: flow.id, rule };
}

/** One undoable op that links many pairs, with fresh, distinct rule ids. */
export function linkManyOp(flow: Flow, pairs: readonly { source: string; target: string }[]): Op {
  let f = flow;
  const ops: Op[] = [];
  for (const { source, target } of pairs) {
    const op = linkOp(f, source, target);
    ops.push(op);
    if (op.type === 'rule.set') f = { ...f, mapping: { ...f.mapping, rules: [...f.mapping.rules.filter((r) => r.id !== op.rule.id), op.rule] } };
  }
  return { type: 'batch', ops };
}
