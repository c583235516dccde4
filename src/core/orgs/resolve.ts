/**
 * Per-organisation rules = generic rule + organisation settings. This module turns an organisation's
 * settings into what a run and the rule depot need: parameter values and routing.
 */
import type { Flow, Office, Organisation, OrgFlowSettings, Parameter, Project } from '../model/project.ts';
import { m } from '../i18n.ts';

/** An AGS (Amtlicher Gemeindeschlüssel) has exactly 8 digits. */
export const AGS_PATTERN = /^\d{8}$/;
/** Organisation ids end up in rule ids and file names: keep them to a safe alphabet. */
export const ORG_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** True when `ags` is a well-formed municipal key. */
export function isValidAgs(ags: string | undefined): boolean {
  return !!ags && AGS_PATTERN.test(ags);
}

/** Flows that have a rule to configure (a target message, hence compiled XSLT). */
export function ruleFlows(project: Project): Flow[] {
  return project.flows.filter((f) => !!f.target);
}

/** The organisation's settings for one flow (empty settings when it has none). */
export function orgFlowSettings(org: Organisation | undefined, flowId: string): OrgFlowSettings {
  return org?.flows.find((f) => f.flowId === flowId) ?? { flowId, params: {} };
}

/** The fictitious test organisation of the project, if there is one. */
export function testOrganisation(project: Project): Organisation | undefined {
  return project.organisations.find((o) => o.kind === 'test');
}

/**
 * Stylesheet parameter values for a flow run for an organisation: its configured value, else the
 * parameter's default. Parameters with neither are left out (the stylesheet then uses '').
 */
export function resolveParams(flow: Flow, org: Organisation | undefined): Record<string, string> {
  const own = orgFlowSettings(org, flow.id).params;
  const out: Record<string, string> = {};
  for (const p of flow.mapping.parameters) {
    const v = own[p.name] ?? p.default;
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

/** The values of the parameters a test case's expected output was written for (its organisation, else defaults). */
export function homeParams(project: Project, flow: Flow, organisationId: string | undefined): Record<string, string> {
  const org = organisationId ? project.organisations.find((o) => o.id === organisationId) : undefined;
  return resolveParams(flow, org);
}

/** Where a per-organisation rule sends its output, as the rule processor needs it. */
export interface Routing {
  /** System that sends the message to the rule (the flow's source end). */
  senderSystem: string;
  /** LeiKa key of the procedure. */
  procedureId?: string;
  organisation?: {
    id: string;
    name: string;
    ags?: string;
    authorityId?: string;
    /** The office responsible for the procedure, when configured. */
    office?: Office;
  };
  targetSystem: string;
  adapter?: { id: string; kind?: string };
}

/** The routing of a flow for an organisation (its target system/adapter, else the flow's own target end). */
export function resolveRouting(project: Project, flow: Flow, org: Organisation | undefined): Routing {
  const s = orgFlowSettings(org, flow.id);
  const targetSystem = s.targetSystemId ?? flow.to.systemId;
  // An adapter chosen for the flow's default target does not carry over to another system.
  const adapterId = s.adapterId ?? (targetSystem === flow.to.systemId ? flow.to.adapterId : undefined);
  const adapterKind = project.systems.find((x) => x.id === targetSystem)?.adapters.find((a) => a.id === adapterId)?.kind;
  // Key order as the rule processor reads it: who sends, which procedure, for whom, to which system, how.
  const routing = { senderSystem: flow.from.systemId } as Routing;
  if (flow.procedureId) routing.procedureId = flow.procedureId;
  if (org) {
    const officeId = flow.procedureId ? org.responsible[flow.procedureId] : undefined;
    const office = officeId ? org.offices.find((o) => o.id === officeId) : undefined;
    routing.organisation = { id: org.id, name: org.name };
    if (org.ags) routing.organisation.ags = org.ags;
    if (org.authorityId) routing.organisation.authorityId = org.authorityId;
    if (office) routing.organisation.office = office;
  }
  routing.targetSystem = targetSystem;
  if (adapterId) routing.adapter = adapterKind ? { id: adapterId, kind: adapterKind } : { id: adapterId };
  return routing;
}

/** Checks a parameter value against the parameter's type; returns a message (core language) or undefined. */
export function checkParamValue(p: Parameter, value: string): string | undefined {
  switch (p.type) {
    case 'string':
      return undefined;
    case 'integer':
      return /^[-+]?\d+$/.test(value) ? undefined : m(`"${value}" ist keine ganze Zahl`, `"${value}" is not a whole number`);
    case 'decimal':
      return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? undefined : m(`"${value}" ist keine Dezimalzahl (Punkt als Trenner)`, `"${value}" is not a decimal number (with a point as separator)`);
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : m(`"${value}" ist kein Wahrheitswert (true oder false)`, `"${value}" is not a boolean (true or false)`);
    case 'date': {
      const d8 = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!d8) return m(`"${value}" ist kein Datum (JJJJ-MM-TT)`, `"${value}" is not a date (YYYY-MM-DD)`);
      const d = new Date(Date.UTC(Number(d8[1]), Number(d8[2]) - 1, Number(d8[3])));
      return d.getUTCMonth() === Number(d8[2]) - 1 && d.getUTCDate() === Number(d8[3]) ? undefined : m(`"${value}" ist kein gültiges Datum`, `"${value}" is not a valid date`);
    }
  }
}

/** A readable id from a name: lower case, umlauts spelled out, other characters → '-'. */
export function slugId(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || 'organisation';
}

/** An id not among `taken`, built from `base` (base, base-2, base-3 …). */
export function freeId(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A new fictitious test organisation, routed like the flows' own targets. */
export function newTestOrganisation(project: Project): Organisation {
  const procedures = [...new Set(ruleFlows(project).map((f) => f.procedureId).filter((x): x is string => !!x))];
  return {
    id: freeId('testorganisation', project.organisations.map((o) => o.id)),
    name: 'Testkommune Musterstadt (fiktiv)',
    kind: 'test',
    ags: '14999999',
    authorityId: 'test-14999999',
    offices: [{ id: 'teststelle', name: 'Teststelle' }],
    responsible: Object.fromEntries(procedures.map((p) => [p, 'teststelle'])),
    flows: [],
  };
}
