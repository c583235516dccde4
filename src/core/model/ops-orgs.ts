/**
 * Edit operations on organisations and depot settings, applied by applyOrgOp (ops.ts delegates every
 * op whose type starts with "org." or "depot." here). Pure: the same object comes back when nothing changed.
 */
import type { Organisation, OrgFlowSettings, Project } from './project.ts';

/** A change of one flow's settings for many organisations; null clears a value back to the default. */
export interface OrgFlowPatch {
  targetSystemId?: string | null;
  adapterId?: string | null;
  params?: Record<string, string | null>;
}

export type OrgOp =
  /** Adds or replaces an organisation (oldId: its id before a rename). */
  | { type: 'org.set'; organisation: Organisation; oldId?: string }
  | { type: 'org.remove'; ids: string[] }
  /** Adds or replaces many organisations by id in one undo step (CSV import). */
  | { type: 'org.import'; organisations: Organisation[] }
  /** Bulk edit: the same routing or parameter change for the given organisations. */
  | { type: 'org.bulkFlow'; ids: string[]; flowId: string; patch: OrgFlowPatch }
  /** Sets a flow's procedure (LeiKa key), which selects the responsible office. */
  | { type: 'org.procedure'; flowId: string; procedureId: string | undefined }
  /** Records the creation time of a released package version (first export of that version). */
  | { type: 'depot.release'; version: string; createdAt: string }
  | { type: 'depot.packageId'; packageId: string | undefined };

/** True for the ops applyOrgOp handles. */
export function isOrgOp(op: { type: string }): op is OrgOp {
  return op.type.startsWith('org.') || op.type.startsWith('depot.');
}

/** Applies an organisation or depot op. */
export function applyOrgOp(p: Project, op: OrgOp): Project {
  switch (op.type) {
    case 'org.set': {
      const key = op.oldId ?? op.organisation.id;
      // Renaming onto another organisation's id is refused (the UI says why); ids stay unique.
      if (key !== op.organisation.id && p.organisations.some((o) => o.id === op.organisation.id)) return p;
      const i = p.organisations.findIndex((o) => o.id === key);
      const organisations = i >= 0 ? p.organisations.map((o, j) => (j === i ? op.organisation : o)) : [...p.organisations, op.organisation];
      return { ...p, organisations };
    }
    case 'org.remove': {
      const ids = new Set(op.ids);
      const organisations = p.organisations.filter((o) => !ids.has(o.id));
      return organisations.length === p.organisations.length ? p : { ...p, organisations };
    }
    case 'org.import': {
      if (!op.organisations.length) return p;
      const incoming = new Map(op.organisations.map((o) => [o.id, o]));
      const replaced = p.organisations.map((o) => incoming.get(o.id) ?? o);
      const known = new Set(p.organisations.map((o) => o.id));
      return { ...p, organisations: [...replaced, ...op.organisations.filter((o) => !known.has(o.id))] };
    }
    case 'org.bulkFlow': {
      const ids = new Set(op.ids);
      let hit = false;
      const organisations = p.organisations.map((o) => {
        if (!ids.has(o.id)) return o;
        hit = true;
        return { ...o, flows: patchFlows(o.flows, op.flowId, op.patch) };
      });
      return hit ? { ...p, organisations } : p;
    }
    case 'org.procedure': {
      let hit = false;
      const flows = p.flows.map((f) => {
        if (f.id !== op.flowId) return f;
        hit = true;
        const next = { ...f, procedureId: op.procedureId };
        if (op.procedureId === undefined) delete next.procedureId;
        return next;
      });
      return hit ? { ...p, flows } : p;
    }
    case 'depot.release': {
      const depot = p.depot ?? { releases: [] };
      if (depot.releases.some((r) => r.version === op.version)) return p;
      return { ...p, depot: { ...depot, releases: [...depot.releases, { version: op.version, createdAt: op.createdAt }] } };
    }
    case 'depot.packageId': {
      const depot = { ...(p.depot ?? { releases: [] }), packageId: op.packageId };
      if (op.packageId === undefined) delete depot.packageId;
      return { ...p, depot };
    }
  }
}

function patchFlows(flows: readonly OrgFlowSettings[], flowId: string, patch: OrgFlowPatch): OrgFlowSettings[] {
  const cur: OrgFlowSettings = flows.find((f) => f.flowId === flowId) ?? { flowId, params: {} };
  const next: OrgFlowSettings = { ...cur, params: { ...cur.params } };
  if (patch.targetSystemId !== undefined) {
    if (patch.targetSystemId === null) delete next.targetSystemId;
    else next.targetSystemId = patch.targetSystemId;
  }
  if (patch.adapterId !== undefined) {
    if (patch.adapterId === null) delete next.adapterId;
    else next.adapterId = patch.adapterId;
  }
  for (const [name, value] of Object.entries(patch.params ?? {})) {
    if (value === null) delete next.params[name];
    else next.params[name] = value;
  }
  const exists = flows.some((f) => f.flowId === flowId);
  return exists ? flows.map((f) => (f.flowId === flowId ? next : f)) : [...flows, next];
}
