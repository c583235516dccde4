/**
 * Validation of organisations: missing or malformed values (an AGS has 8 digits), references to
 * systems, adapters, offices and flows that do not exist, parameter values of the wrong type, and
 * parameters without value and without default. Findings, never exceptions.
 */
import type { Organisation, Project } from '../model/project.ts';
import { checkParamValue, isValidAgs, ORG_ID_PATTERN, ruleFlows } from './resolve.ts';
import { m } from '../i18n.ts';

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

  if (!ORG_ID_PATTERN.test(org.id)) add('error', 'id', m(`ID "${org.id}" darf nur Buchstaben, Ziffern, "-", "_" und "." enthalten.`, `ID "${org.id}" may contain only letters, digits, "-", "_" and ".".`));
  if (others.filter((o) => o.id === org.id).length > 1) add('error', 'id', m(`ID "${org.id}" kommt mehrfach vor.`, `ID "${org.id}" occurs more than once.`));
  if (!org.name.trim()) add('error', 'name', m('Name fehlt.', 'Name is missing.'));
  if (org.ags === undefined || org.ags === '') {
    if (org.kind === 'municipality') add('error', 'ags', m('AGS (Amtlicher Gemeindeschlüssel) fehlt.', 'AGS (official municipality key) is missing.'));
  } else if (!isValidAgs(org.ags)) {
    add('error', 'ags', m(`AGS muss genau 8 Ziffern haben (ist "${org.ags}").`, `AGS must have exactly 8 digits (is "${org.ags}").`));
  } else if (org.kind === 'municipality' && others.some((o) => o !== org && o.id !== org.id && o.kind === 'municipality' && o.ags === org.ags)) {
    add('warning', 'ags', m(`AGS ${org.ags} haben mehrere Organisationen.`, `Several organisations have AGS ${org.ags}.`));
  }

  const officeIds = new Set<string>();
  org.offices.forEach((office, i) => {
    if (!office.name.trim()) add('error', `offices[${i}].name`, m(`Stelle ${i + 1}: Name fehlt.`, `Office ${i + 1}: name is missing.`));
    if (officeIds.has(office.id)) add('error', `offices[${i}].id`, m(`Stellen-ID "${office.id}" kommt mehrfach vor.`, `Office id "${office.id}" occurs more than once.`));
    officeIds.add(office.id);
  });
  for (const [leika, officeId] of Object.entries(org.responsible)) {
    if (!officeIds.has(officeId)) {
      add('error', `responsible.${leika}`, m(`Zuständige Stelle "${officeId}" für Leistung ${leika} gibt es nicht.`, `The responsible office "${officeId}" for service ${leika} does not exist.`));
    }
  }

  for (const flow of ruleFlows(project)) {
    const f = org.flows.find((x) => x.flowId === flow.id);
    const label = `${flow.scenarioCode} ${flow.title}`;
    if (flow.procedureId && org.offices.length && !org.responsible[flow.procedureId]) {
      add('warning', `responsible.${flow.procedureId}`, m(`${label}: keine zuständige Stelle für Leistung ${flow.procedureId}.`, `${label}: no responsible office for service ${flow.procedureId}.`));
    }
    const targetId = f?.targetSystemId ?? flow.to.systemId;
    const system = project.systems.find((s) => s.id === targetId);
    if (!system) add('error', `flows.${flow.id}.targetSystemId`, m(`${label}: Zielsystem "${targetId}" gibt es nicht.`, `${label}: target system "${targetId}" does not exist.`));
    else if (f?.adapterId && !system.adapters.some((a) => a.id === f.adapterId)) {
      add('error', `flows.${flow.id}.adapterId`, m(`${label}: ${system.name} hat keinen Adapter "${f.adapterId}".`, `${label}: ${system.name} has no adapter "${f.adapterId}".`));
    }
    for (const p of flow.mapping.parameters) {
      const v = f?.params[p.name];
      if (v === undefined) {
        if (p.default === undefined) {
          add('error', `flows.${flow.id}.params.${p.name}`, m(`${label}: Parameter ${p.name} hat keinen Wert und keinen Vorgabewert.`, `${label}: parameter ${p.name} has neither a value nor a default.`));
        }
        continue;
      }
      const bad = checkParamValue(p, v);
      if (bad) add('error', `flows.${flow.id}.params.${p.name}`, `${label}: ${m('Parameter', 'parameter')} ${p.name}: ${bad}.`);
    }
    for (const name of Object.keys(f?.params ?? {})) {
      if (!flow.mapping.parameters.some((p) => p.name === name)) {
        add('warning', `flows.${flow.id}.params.${name}`, m(`${label}: Parameter ${name} ist in der Regel nicht deklariert.`, `${label}: parameter ${name} is not declared in the rule.`));
      }
    }
  }
  for (const f of org.flows) {
    if (!project.flows.some((x) => x.id === f.flowId)) add('warning', `flows.${f.flowId}`, m(`Einstellungen für unbekannten Fluss "${f.flowId}".`, `Settings for an unknown flow "${f.flowId}".`));
  }
  return out;
}

/** Findings for all organisations of the project, plus project-wide ones (no test organisation). */
export function validateOrganisations(project: Project): OrgIssue[] {
  const out: OrgIssue[] = [];
  if (project.organisations.length && !project.organisations.some((o) => o.kind === 'test')) {
    out.push({ orgId: '', severity: 'warning', field: 'organisations', message: m('Es gibt keine fiktive Testorganisation für die Abnahme.', 'There is no fictitious test organisation for acceptance testing.') });
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
