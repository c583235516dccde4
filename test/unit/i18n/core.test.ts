/** The core's message language itself, organisation CSV import and checks, and project-file loading. */
import { describe, expect, it } from 'vitest';
import { m, messageLang, setMessageLang } from '../../../src/core/i18n.ts';
import { loadProject } from '../../../src/core/model/load.ts';
import { importOrganisationsCsv, parseCsv } from '../../../src/core/orgs/csv.ts';
import { validateOrganisations } from '../../../src/core/orgs/validate.ts';
import { sampleProject } from '../orgs/helpers.ts';
import { resetLangEachTest } from './helpers.ts';

resetLangEachTest();
const project = sampleProject();

describe('message language', () => {
  it('is German by default, English when set, and only knows de and en', () => {
    expect(messageLang()).toBe('de');
    expect(m('Zeile 3', 'line 3')).toBe('Zeile 3');
    setMessageLang('en');
    expect(messageLang()).toBe('en');
    expect(m('Zeile 3', 'line 3')).toBe('line 3');
    setMessageLang('fr' as 'de');
    expect(messageLang()).toBe('de');
  });
});

describe('organisation CSV import', () => {
  // Row 2: AGS with 7 digits; row 3: unknown kind; row 4: too many fields; header: an unknown column.
  const csv = ['name;ags;art;farbe', 'Stadt Kaputt;1462831;;', 'Stadt Irgendwo;14628310;stadtstaat;', 'Zu viele;14628330;;;x;y'].join('\n');

  it('reports broken rows in German by default', () => {
    const r = importOrganisationsCsv(project, csv);
    expect(r.organisations).toEqual([]);
    expect(r.errors).toEqual([
      { line: 2, message: 'AGS muss genau 8 Ziffern haben (ist "1462831").' },
      { line: 3, message: 'Art "stadtstaat" ist unbekannt (kommune oder test).' },
      { line: 4, message: '6 Felder, die Kopfzeile hat nur 4.' },
    ]);
    expect(r.warnings).toContainEqual({ line: 1, message: 'Spalte 4 "farbe" ist unbekannt und wird ignoriert.' });
  });

  it('reports the same rows in English', () => {
    setMessageLang('en');
    const r = importOrganisationsCsv(project, csv);
    expect(r.errors).toEqual([
      { line: 2, message: 'AGS must have exactly 8 digits (is "1462831").' },
      { line: 3, message: 'Kind "stadtstaat" is unknown (kommune or test).' },
      { line: 4, message: '6 fields, but the header row has only 4.' },
    ]);
    expect(r.warnings).toContainEqual({ line: 1, message: 'Column 4 "farbe" is unknown and ignored.' });
  });

  it('words an unclosed quote and a file without a name column in the chosen language', () => {
    expect(parseCsv('a;b\n1;"offen\n').error?.message).toBe('Anführungszeichen wird nicht geschlossen.');
    expect(importOrganisationsCsv(project, 'ags\n14628310').errors[0].message).toBe('Spalte "name" fehlt in der Kopfzeile.');
    setMessageLang('en');
    expect(parseCsv('a;b\n1;"offen\n').error).toEqual({ line: 2, message: 'A quotation mark is not closed.' });
    expect(importOrganisationsCsv(project, 'ags\n14628310').errors[0]).toEqual({ line: 1, message: 'The header row has no column "name".' });
  });

  it('checks organisations of the project in the chosen language', () => {
    const broken = { ...project, organisations: [{ ...project.organisations[0], kind: 'municipality' as const, name: ' ', ags: 'x' }] };
    const de = validateOrganisations(broken).map((i) => i.message);
    expect(de).toContain('Name fehlt.');
    expect(de).toContain('AGS muss genau 8 Ziffern haben (ist "x").');
    setMessageLang('en');
    const en = validateOrganisations(broken).map((i) => i.message);
    expect(en).toContain('Name is missing.');
    expect(en).toContain('AGS must have exactly 8 digits (is "x").');
    expect(en).toContain('There is no fictitious test organisation for acceptance testing.');
  });
});

describe('project file', () => {
  const broken = '{ "formatVersion": 1, "name": }';

  it('refuses broken JSON with a located German message by default', () => {
    const r = loadProject(broken, 'kaputt.regelwerk.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'project.json-syntax', message: 'Die Datei ist kein gültiges JSON (ValueExpected).', location: { file: 'kaputt.regelwerk.json', line: 1 } });
  });

  it('refuses it in English, with the same code and location', () => {
    setMessageLang('en');
    const r = loadProject(broken, 'kaputt.regelwerk.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'project.json-syntax', message: 'The file is not valid JSON (ValueExpected).', location: { file: 'kaputt.regelwerk.json', line: 1 } });
  });

  it("words foreign files, newer versions and zod's findings in the chosen language", () => {
    const text = JSON.stringify({ ...sampleProject(), name: 42 });
    const de = loadProject(text);
    setMessageLang('en');
    const en = loadProject(text);
    expect(de.ok || en.ok).toBe(false);
    if (de.ok || en.ok) return;
    expect(de.errors[0].message).toBe('name: Ungültige Eingabe: erwartet string, erhalten Zahl');
    expect(de.errors[0].location?.file).toBe('Projektdatei');
    expect(en.errors[0].message).toBe('name: Invalid input: expected string, received number');
    expect(en.errors[0].location?.file).toBe('project file');
    const foreign = loadProject('{"hello": 1}');
    expect(!foreign.ok && foreign.errors[0].message).toBe('This is not a Regelwerk project file: the field "formatVersion" is missing.');
    const newer = loadProject('{"formatVersion": 999}');
    expect(!newer.ok && newer.errors[0].message).toMatch(/^The file has formatVersion 999; this version of Regelwerk knows up to \d+ only\. Please update Regelwerk\.$/);
  });
});
