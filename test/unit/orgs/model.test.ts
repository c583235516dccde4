/** Organisation ops, validation and resolution of parameters and routing. */
import { describe, expect, it } from 'vitest';
import { applyOp } from '../../../src/core/model/ops.ts';
import type { Organisation, Project } from '../../../src/core/model/project.ts';
import { checkParamValue, newTestOrganisation, resolveParams, resolveRouting } from '../../../src/core/orgs/resolve.ts';
import { validateOrganisation, validateOrganisations } from '../../../src/core/orgs/validate.ts';
import { sampleProject } from './helpers.ts';

const project = sampleProject();
const dms = project.flows.find((f) => f.id === 'dms-vorgang')!;
const a1 = project.flows.find((f) => f.id === 'a1-gewerberegister')!;
const dresden = project.organisations.find((o) => o.id === 'dresden')!;

function org(patch: Partial<Organisation>): Organisation {
  return { id: 'x', name: 'X', kind: 'municipality', ags: '14612000', offices: [], responsible: {}, flows: [], ...patch };
}

const messages = (p: Project, o: Organisation) => validateOrganisation(p, o, [...p.organisations, o]).map((i) => `${i.severity} ${i.field}: ${i.message}`);

describe('organisation ops', () => {
  it('adds, renames, refuses a rename onto another id, and removes', () => {
    let p = applyOp(project, { type: 'org.set', organisation: org({ id: 'neu' }) });
    expect(p.organisations.map((o) => o.id)).toContain('neu');
    p = applyOp(p, { type: 'org.set', organisation: org({ id: 'neu2', name: 'Neu' }), oldId: 'neu' });
    expect(p.organisations.filter((o) => o.id.startsWith('neu')).map((o) => o.id)).toEqual(['neu2']);
    const refused = applyOp(p, { type: 'org.set', organisation: org({ id: 'dresden' }), oldId: 'neu2' });
    expect(refused).toBe(p);
    p = applyOp(p, { type: 'org.remove', ids: ['neu2', 'leipzig'] });
    expect(p.organisations.map((o) => o.id)).toEqual(['testorganisation', 'chemnitz', 'dresden']);
    expect(applyOp(p, { type: 'org.remove', ids: ['gibt-es-nicht'] })).toBe(p);
  });

  it('imports many in one step, replacing by id and appending new ones', () => {
    const p = applyOp(project, { type: 'org.import', organisations: [{ ...dresden, name: 'Dresden (neu)' }, org({ id: 'pirna', ags: '14628310' })] });
    expect(p.organisations.map((o) => o.id)).toEqual(['testorganisation', 'chemnitz', 'dresden', 'leipzig', 'pirna']);
    expect(p.organisations[2].name).toBe('Dresden (neu)');
  });

  it('bulk edit sets and clears routing and parameter values for the chosen organisations only', () => {
    let p = applyOp(project, { type: 'org.bulkFlow', ids: ['chemnitz', 'leipzig'], flowId: 'dms-vorgang', patch: { params: { 'empfaenger-stelle': 'Zentrale Gewerbestelle' }, adapterId: null } });
    const get = (id: string) => p.organisations.find((o) => o.id === id)!.flows.find((f) => f.flowId === 'dms-vorgang')!;
    expect(get('chemnitz').params['empfaenger-stelle']).toBe('Zentrale Gewerbestelle');
    expect(get('leipzig').params['empfaenger-stelle']).toBe('Zentrale Gewerbestelle');
    expect(get('chemnitz').adapterId).toBeUndefined();
    expect(get('dresden').params['empfaenger-stelle']).toBe('Ordnungsamt – Gewerbeangelegenheiten');
    p = applyOp(p, { type: 'org.bulkFlow', ids: ['chemnitz'], flowId: 'dms-vorgang', patch: { params: { 'empfaenger-stelle': null } } });
    expect(get('chemnitz').params['empfaenger-stelle']).toBeUndefined();
    expect(resolveParams(dms, p.organisations.find((o) => o.id === 'chemnitz'))['empfaenger-stelle']).toBe('Gewerbebehörde');
  });

  it('records a release once and keeps the first creation time', () => {
    const p = applyOp(project, { type: 'depot.release', version: '1.0.0', createdAt: '2026-05-01T10:00:00.000Z' });
    expect(applyOp(p, { type: 'depot.release', version: '1.0.0', createdAt: '2027-01-01T00:00:00.000Z' })).toBe(p);
    expect(p.depot?.releases).toEqual([{ version: '1.0.0', createdAt: '2026-05-01T10:00:00.000Z' }]);
  });
});

describe('validation', () => {
  it('the sample organisations are valid', () => {
    expect(validateOrganisations(project).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('an AGS has exactly 8 digits; municipalities need one, the test organisation not', () => {
    expect(messages(project, org({ ags: '1461200' }))).toContain('error ags: AGS muss genau 8 Ziffern haben (ist "1461200").');
    expect(messages(project, org({ ags: '1461200a' }))[0]).toMatch(/^error ags: AGS muss genau 8 Ziffern/);
    expect(messages(project, org({ ags: undefined }))).toContain('error ags: AGS (Amtlicher Gemeindeschlüssel) fehlt.');
    expect(messages(project, org({ ags: undefined, kind: 'test' })).filter((m) => m.startsWith('error'))).toEqual([]);
  });

  it('finds missing names, unknown systems, adapters and offices, wrong parameter types and missing values', () => {
    const p: Project = {
      ...project,
      flows: project.flows.map((f) =>
        f.id === 'a1-gewerberegister' ? { ...f, mapping: { ...f.mapping, parameters: [{ name: 'frist', type: 'integer' }] } } : f,
      ),
    };
    const o = org({
      name: ' ',
      offices: [{ id: 'amt', name: 'Amt' }],
      responsible: { '99050012104000': 'fehlt' },
      flows: [
        { flowId: 'a1-gewerberegister', targetSystemId: 'gibt-es-nicht', params: {} },
        { flowId: 'dms-vorgang', adapterId: 'ftp', params: { 'empfaenger-stelle': 'ok', unbekannt: '1' } },
      ],
    });
    const m = messages(p, o);
    expect(m).toContain('error name: Name fehlt.');
    expect(m).toContain('error responsible.99050012104000: Zuständige Stelle "fehlt" für Leistung 99050012104000 gibt es nicht.');
    expect(m.some((x) => x.startsWith('error flows.a1-gewerberegister.targetSystemId') && x.includes('"gibt-es-nicht"'))).toBe(true);
    expect(m.some((x) => x.startsWith('error flows.dms-vorgang.adapterId') && x.includes('"ftp"'))).toBe(true);
    expect(m.some((x) => x.startsWith('error flows.a1-gewerberegister.params.frist') && x.includes('keinen Wert und keinen Vorgabewert'))).toBe(true);
    expect(m.some((x) => x.startsWith('warning flows.dms-vorgang.params.unbekannt'))).toBe(true);
    const typed = org({ flows: [{ flowId: 'a1-gewerberegister', params: { frist: '14 Tage' } }] });
    expect(messages(p, typed).some((x) => x.includes('"14 Tage" ist keine ganze Zahl'))).toBe(true);
  });

  it('finds duplicate ids and warns when there is no test organisation', () => {
    const p = { ...project, organisations: [dresden, { ...dresden, name: 'Dresden 2' }] };
    const issues = validateOrganisations(p);
    expect(issues.some((i) => i.field === 'id' && i.message.includes('mehrfach'))).toBe(true);
    expect(issues.some((i) => i.orgId === '' && i.message.includes('keine fiktive Testorganisation'))).toBe(true);
  });

  it('checks parameter values by type', () => {
    const p = (type: 'integer' | 'decimal' | 'boolean' | 'date') => ({ name: 'p', type });
    expect(checkParamValue(p('integer'), '-12')).toBeUndefined();
    expect(checkParamValue(p('decimal'), '1.5')).toBeUndefined();
    expect(checkParamValue(p('decimal'), '1,5')).toMatch(/Dezimalzahl/);
    expect(checkParamValue(p('boolean'), 'ja')).toMatch(/Wahrheitswert/);
    expect(checkParamValue(p('date'), '2026-02-30')).toMatch(/kein gültiges Datum/);
    expect(checkParamValue(p('date'), '2026-02-28')).toBeUndefined();
  });
});

describe('parameters and routing per organisation', () => {
  it('an organisation value wins over the default; no organisation gives the defaults', () => {
    expect(resolveParams(dms, dresden)).toEqual({ 'empfaenger-stelle': 'Ordnungsamt – Gewerbeangelegenheiten', 'empfaenger-institution': 'Landeshauptstadt Dresden' });
    expect(resolveParams(dms, undefined)).toEqual({ 'empfaenger-stelle': 'Gewerbebehörde', 'empfaenger-institution': '' });
  });

  it('routing names sender, procedure, organisation with its responsible office, target system and adapter', () => {
    expect(resolveRouting(project, dms, dresden)).toEqual({
      senderSystem: 'integrationsdienst',
      procedureId: '99050012104000',
      organisation: {
        id: 'dresden',
        name: 'Landeshauptstadt Dresden',
        ags: '14612000',
        authorityId: 'ags:14612000',
        office: { id: 'gewerbeamt', name: 'Ordnungsamt – Gewerbeangelegenheiten', authorityId: 'ags:14612000:gewerbe' },
      },
      targetSystem: 'dms',
      adapter: { id: 'xta', kind: 'xta' },
    });
    // Without settings: the flow's own target end.
    const bare = org({ flows: [] });
    expect(resolveRouting(project, a1, bare)).toMatchObject({ targetSystem: 'gewerbefachverfahren', adapter: { id: 'file', kind: 'file' } });
  });

  it('a new test organisation is responsible for every procedure of the project and valid', () => {
    const t = newTestOrganisation({ ...project, organisations: [] });
    expect(t.kind).toBe('test');
    expect(t.responsible).toEqual({ '99050012104000': 'teststelle' });
    expect(validateOrganisation(project, t, [t]).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
