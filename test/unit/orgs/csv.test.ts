/** CSV: parsing with line numbers, importing good rows and listing broken ones, round trip. */
import { describe, expect, it } from 'vitest';
import { applyOp } from '../../../src/core/model/ops.ts';
import { importOrganisationsCsv, organisationsToCsv, parseCsv } from '../../../src/core/orgs/csv.ts';
import { resolveParams } from '../../../src/core/orgs/resolve.ts';
import { sampleProject } from './helpers.ts';

const project = sampleProject();

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, line breaks inside quotes, CRLF and a BOM, with record start lines', () => {
    const r = parseCsv('\uFEFFa;b;c\r\n1;"x;y";"er sagte ""ja"""\r\n\r\n2;"zwei\nZeilen";3\r\n4;5;6');
    expect(r.separator).toBe(';');
    expect(r.records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x;y', 'er sagte "ja"'] },
      { line: 4, fields: ['2', 'zwei\nZeilen', '3'] },
      { line: 6, fields: ['4', '5', '6'] },
    ]);
  });

  it('detects "," and tab separators and reports an unclosed quote with its line', () => {
    expect(parseCsv('a,b\n1,2').records[1].fields).toEqual(['1', '2']);
    expect(parseCsv('a\tb\n1\t2').records[1].fields).toEqual(['1', '2']);
    expect(parseCsv('a;b\n1;2\n3;"offen\n').error).toEqual({ line: 3, message: 'Anführungszeichen wird nicht geschlossen.' });
  });
});

describe('importOrganisationsCsv', () => {
  const csv = [
    'name;ags;behoerdenkennung;stelle;zielsystem:dms-vorgang;adapter:dms-vorgang;param:dms-vorgang:empfaenger-stelle;farbe',
    'Stadt Pirna;14628310;ags:14628310;Gewerbeamt;dms;xta;Gewerbeamt Pirna;blau',
    'Stadt Kaputt;1462831;;;;;;',
    ';14628320;;;;;;',
    'Zu viele;14628330;;;;;;;x;y',
    'Falsches System;14628340;;;ftp-server;;;',
    'Stadt Pirna;14628310;;;;;;',
    '"Stadt ""Radebeul""";14627210;;Ordnungsamt;;;"Ordnungsamt; Gewerbe";',
  ].join('\n');

  it('imports the good rows and lists the broken ones with their line numbers', () => {
    const r = importOrganisationsCsv(project, csv);
    expect(r.organisations.map((o) => o.name)).toEqual(['Stadt Pirna', 'Stadt "Radebeul"']);
    expect(r.created).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.errors[0].message).toContain('AGS muss genau 8 Ziffern haben (ist "1462831")');
    expect(r.errors[1].message).toContain('Name fehlt');
    expect(r.errors[2].message).toBe('10 Felder, die Kopfzeile hat nur 8.');
    expect(r.errors[3].message).toContain('Zielsystem "ftp-server" gibt es nicht');
    expect(r.errors[4].message).toMatch(/steht schon in Zeile 2/);
    expect(r.warnings).toContainEqual({ line: 1, message: 'Spalte 8 "farbe" ist unbekannt und wird ignoriert.' });

    const pirna = r.organisations[0];
    expect(pirna).toMatchObject({ id: 'stadt-pirna-14628310', ags: '14628310', authorityId: 'ags:14628310', kind: 'municipality' });
    expect(pirna.offices).toEqual([{ id: 'gewerbeamt', name: 'Gewerbeamt' }]);
    expect(pirna.responsible).toEqual({ '99050012104000': 'gewerbeamt' });
    expect(pirna.flows).toEqual([{ flowId: 'dms-vorgang', targetSystemId: 'dms', adapterId: 'xta', params: { 'empfaenger-stelle': 'Gewerbeamt Pirna' } }]);
    expect(r.organisations[1].flows[0].params['empfaenger-stelle']).toBe('Ordnungsamt; Gewerbe');
  });

  it('updates an existing organisation found by AGS instead of adding a second one', () => {
    const r = importOrganisationsCsv(project, 'name;ags;param:dms-vorgang:empfaenger-stelle\nDresden;14612000;Bürgerbüro Gewerbe');
    expect(r.errors).toEqual([]);
    expect(r.updated).toBe(1);
    expect(r.organisations[0].id).toBe('dresden');
    expect(r.organisations[0].flows.find((f) => f.flowId === 'dms-vorgang')?.params).toEqual({ 'empfaenger-stelle': 'Bürgerbüro Gewerbe', 'empfaenger-institution': 'Landeshauptstadt Dresden' });
  });

  it('refuses a file without a name column or without rows, and a wrong parameter type per row', () => {
    expect(importOrganisationsCsv(project, 'ags\n14612000').errors).toEqual([{ line: 1, message: 'Spalte "name" fehlt in der Kopfzeile.' }]);
    expect(importOrganisationsCsv(project, '').errors).toEqual([{ line: 1, message: 'Die Datei ist leer.' }]);
    const typed = {
      ...project,
      flows: project.flows.map((f) => (f.id === 'dms-vorgang' ? { ...f, mapping: { ...f.mapping, parameters: [...f.mapping.parameters, { name: 'frist', type: 'integer' as const, default: '14' }] } } : f)),
    };
    const r = importOrganisationsCsv(typed, 'name;ags;param:dms-vorgang:frist\nA;14000001;7\nB;14000002;sieben');
    expect(r.organisations.map((o) => o.name)).toEqual(['A']);
    expect(r.errors).toEqual([{ line: 3, message: expect.stringContaining('"sieben" ist keine ganze Zahl') }]);
  });

  it('export → import gives the same organisations back (office ids and empty values aside)', () => {
    const text = organisationsToCsv(project);
    const r = importOrganisationsCsv({ ...project, organisations: [] }, text);
    expect(r.errors).toEqual([]);
    const back = applyOp({ ...project, organisations: [] }, { type: 'org.import', organisations: r.organisations });
    // The CSV names offices (ids are made from the names) and an empty cell means "default".
    const view = (os: typeof project.organisations) =>
      os.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        ags: o.ags,
        authorityId: o.authorityId,
        office: o.offices.find((x) => x.id === o.responsible['99050012104000'])?.name,
        routing: o.flows.map((f) => [f.flowId, f.targetSystemId, f.adapterId]),
        params: project.flows.map((f) => resolveParams(f, o)),
      }));
    expect(view(back.organisations)).toEqual(view(project.organisations));
  });
});
