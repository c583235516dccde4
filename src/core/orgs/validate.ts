/**
 * Validation of organisations: missing or malformed values (an AGS has 8 digits), references to
 * systems, adapters, offices and flows that do not exist, parameter values of the wrong type, and
 * parameters without value and without default. Findings, never exceptions.
 */
import type { Organisation, Project } from '../model/project.ts';
import { checkParamValue, isValidAgs, ORG_ID_PATTERN, ruleFlows } from './resolve.ts';

export interface OrgIssue {
  /** '' for findings about the project as a whole. */
  orgId: string;
  severity: 'error' | 'warning';
  /** Which value: "name", "ags", "offices[0].name", "flows.dms-vorgang.params.x" … */
  field: string;
  message: string;
}

/** Findings for one organisation (ids of the others are needed to find duplicates). */
export function validateOrganisation(project: Project, org: Organisation, others: readonly Organisation[] = project.organisations): OrgIssue[] {
  const out: OrgIssue[] = [];
  const add = (severity: OrgIssue['severity'], field: string, message: string) => out.push({ orgId: org.id, severity, field, message });

  if (!ORG_ID_PATTERN.test(org.id)) add('error', 'id', `ID "${org.id}" darf nur Buchstaben, Ziffern, "-", "_" und "." enthalten.`);
  if (others.filter((o) => o.id === org.id).length > 1) add('error', 'id', `ID "${org.id}" kommt mehrfach vor.`);
  if (!org.name.trim()) add('error', 'name', 'Name fehlt.');
  if (org.ags === undefined || org.ags === '') {
    if (org.kind === 'municipality') add('error', 'ags', 'AGS (Amtlicher Gemeindeschlüssel) fehlt.');
  } else if (!isValidAgs(org.ags)) {
    add('error', 'ags', `AGS muss genau 8 Ziffern haben (ist "${org.ags}").`);
  } else if (org.kind === 'municipality' && others.some((o) => o !== org && o.id !== org.id && o.kind === 'municipality' && o.ags === org.ags)) {
    add('warning', 'ags', `AGS ${org.ags} haben mehrere Organisationen.`);
  }

  const officeIds = new Set<string>();
  org.offices.forEach((office, i) => {
    if (!office.name.trim()) add('error', `offices[${i}].name`, `Stelle ${i + 1}: Name fehlt.`);
    if (officeIds.has(office.id)) add('error', `offices[${i}].id`, `Stellen-ID "${office.id}" kommt mehrfach vor.`);
    officeIds.add(office.id);
  });
  for (const [leika, officeId] of Object.entries(org.responsible)) {
    if (!officeIds.has(officeId)) add('error', `responsible.${leika}`, `Zuständige Stelle "${officeId}" für Leistung ${leika} gibt es nicht.`);
  }

  for (const flow of ruleFlows(project)) {
    const f = org.flows.find((x) => x.flowId === flow.id);
    const label = `${flow.scenarioCode} ${flow.title}`;
    if (flow.procedureId && org.offices.length && !org.responsible[flow.procedureId]) {
      add('warning', `responsible.${flow.procedureId}`, `${label}: keine zuständige Stelle für Leistung ${flow.procedureId}.`);
    }
    const targetId = f?.targetSystemId ?? flow.to.systemId;
    const system = project.systems.find((s) => s.id === targetId);
    if (!system) add('error', `flows.${flow.id}.targetSystemId`, `${label}: Zielsystem "${targetId}" gibt es nicht.`);
    else if (f?.adapterId && !system.adapters.some((a) => a.id === f.adapterId)) {
      add('error', `flows.${flow.id}.adapterId`, `${label}: ${system.name} hat keinen Adapter "${f.adapterId}".`);
    }
    for (const p of flow.mapping.parameters) {
      const v = f?.params[p.name];
      if (v === undefined) {
        if (p.default === undefined) add('error', `flows.${flow.id}.params.${p.name}`, `${label}: Parameter ${p.name} hat keinen Wert und keinen Vorgabewert.`);
        continue;
      }
      const bad = checkParamValue(p, v);
      if (bad) add('error', `flows.${flow.id}.params.${p.name}`, `${label}: Parameter ${p.name}: ${bad}.`);
    }
    for (const name of Object.keys(f?.params ?? {})) {
      if (!flow.mapping.parameters.some((p) => p.name === name)) add('warning', `flows.${flow.id}.params.${name}`, `${label}: Parameter ${name} ist in der Regel nicht deklariert.`);
    }
  }
  for (const f of org.flows) {
    if (!project.flows.some((x) => x.id === f.flowId)) add('warning', `flows.${f.flowId}`, `Einstellungen für unbekannten Fluss "${f.flowId}".`);
  }
  return out;
}

/** Findings for all organisations of the project, plus project-wide ones (no test organisation). */
export function validateOrganisations(project: Project): OrgIssue[] {
  const out: OrgIssue[] = [];
  if (project.organisations.length && !project.organisations.some((o) => o.kind === 'test')) {
    out.push({ orgId: '', severity: 'warning', field: 'organisations', message: 'Es gibt keine fiktive Testorganisation für die Abnahme.' });
  }
  for (const o of project.organisations) out.push(...validateOrganisation(project, o));
  return out;
}

/** Error findings per organisation id (for list badges). */
export function issuesByOrg(issues: readonly OrgIssue[]): Map<string, OrgIssue[]> {
  const m = new Map<string, OrgIssue[]>();
  for (const i of issues) {
    const list = m.get(i.orgId) ?? [];
    list.push(i);
    m.set(i.orgId, list);
  }
  return m;
}
