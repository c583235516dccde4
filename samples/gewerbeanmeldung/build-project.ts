/**
 * Builds the self-contained sample project `gewerbeanmeldung.regelwerk.json` from its parts:
 * the Amt24 sample messages, the target schemas, the expected outputs of the hand-written
 * reference rules (test/fixtures/handwritten/expected/) and the mappings of MAPPING.md as data.
 *
 *   npx tsx samples/gewerbeanmeldung/build-project.ts
 *
 * Deterministic: the same inputs give the same bytes (files sorted, saveProject's key order).
 * Import `buildProject()` to get the project without writing anything.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import type { Expr } from '../../src/core/model/expr.ts';
import { loadProject, saveProject } from '../../src/core/model/load.ts';
import type { Flow, Mapping, MappingRule, Organisation, Project, SampleMessage, SchemaSet, TestCase, ValueMap } from '../../src/core/model/project.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const EXPECTED_DIR = join(ROOT, 'test/fixtures/handwritten/expected');

/** Where the builder writes the project. */
export const PROJECT_FILE = join(HERE, 'gewerbeanmeldung.regelwerk.json');

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const XD = 'urn:xoev-de:xdomea:schema:3.0.0';

/** The three sample messages: sample id, file name (without .xml), test name. */
const MESSAGES = [
  { id: 'msg-01', file: 'gewerbeanmeldung-01-einzelunternehmen', test: 'Einzelunternehmen: 2 Tätigkeiten, 1 Anlage, alle optionalen Felder' },
  { id: 'msg-02', file: 'gewerbeanmeldung-02-gmbh', test: 'GmbH: Registereintrag, 3 Tätigkeiten, 2 Anlagen, ohne Geburtsort' },
  { id: 'msg-03', file: 'gewerbeanmeldung-03-ug-ohne-anlagen', test: 'UG: ohne Anlagen, ohne Telefon, ohne Teilzeitangabe, Sonderzeichen' },
] as const;

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Expression helpers
// ---------------------------------------------------------------------------------------------

/** A source field, written like MAPPING.md relative to /serviceportal-fields; instance steps fold into `instance_*`. */
function srcPath(path: string): string {
  return '/serviceportal-fields/' + path.replace(/\binstance_1\b/g, 'instance_*');
}
const src = (path: string): Expr => ({ kind: 'source', path: srcPath(path) });
const str = (value: string): Expr => ({ kind: 'const', value });
const num = (value: string): Expr => ({ kind: 'const', value, type: 'number' });
const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });
const lookup = (map: string, arg: Expr): Expr => ({ kind: 'lookup', map, arg });
const variable = (name: string): Expr => ({ kind: 'var', name });
const xpath = (text: string): Expr => ({ kind: 'xpath', text });
/** A rule parameter, configured per organisation (see ORGANISATIONS). */
const param = (name: string): Expr => ({ kind: 'param', name });

/** `normalize-space(x) != ''` */
const notBlank = (e: Expr): Expr => call('not', call('empty', e));
/** The field, or `fallback` when it is blank. */
const orDefault = (e: Expr, fallback: string): Expr => call('if', call('empty', e), str(fallback), e);
/** `x = 'true'` (a missing field gives false); prints as "true" / "false". */
const isTrue = (e: Expr): Expr => call('equals', e, str('true'));
/** Amt24 date (`1985-04-12T00:00:00.000+02:00`, Berlin midnight) → xs:date. */
const amt24Date = (e: Expr): Expr => call('date-from-amt24', e);

// ---------------------------------------------------------------------------------------------
// Rule collection: rules are written in target document order and numbered r1, r2, … at the end
// ---------------------------------------------------------------------------------------------

type RuleSpec = Omit<MappingRule, 'id'>;

class RuleList {
  readonly specs: RuleSpec[] = [];
  /** @param toClark turns a readable target path ("A/B/@c") into the absolute Clark path */
  constructor(private readonly toClark: (path: string) => string) {}

  /** Target gets a value. */
  value(target: string, value: Expr, extra: Partial<RuleSpec> = {}): this {
    this.specs.push({ target: this.toClark(target), value, ...extra });
    return this;
  }
  /** Target gets a constant. */
  const(target: string, value: string): this {
    return this.value(target, str(value));
  }
  /** Element produced only when the condition holds (its children follow as their own rules). */
  when(target: string, condition: Expr): this {
    this.specs.push({ target: this.toClark(target), condition });
    return this;
  }
  /** Repeating target element: one per source item; optionally with a value computed per item. */
  each(target: string, source: string, value?: Expr): this {
    this.specs.push({ target: this.toClark(target), ...(value ? { value } : {}), forEach: { source: srcPath(source) } });
    return this;
  }
  /** A code-list element: `@listURI`, `@listVersionID` (when given) and the unqualified `code` child. */
  code(target: string, code: Expr | string, listURI?: string, listVersionID?: string): this {
    if (listURI !== undefined) this.const(`${target}/@listURI`, listURI);
    if (listVersionID !== undefined) this.const(`${target}/@listVersionID`, listVersionID);
    return this.value(`${target}/code`, typeof code === 'string' ? str(code) : code);
  }

  build(): MappingRule[] {
    return this.specs.map((s, i) => ({ id: `r${i + 1}`, ...s }));
  }
}

/** "A/B#2/@c/code" → "/{ns}A/{ns}B#2/@c/code": attributes and the names in `unqualified` take no namespace. */
function clarkPath(ns: string, unqualified: readonly string[] = []) {
  return (path: string): string =>
    path
      .split('/')
      .map((step) => (step.startsWith('@') || unqualified.includes(step.replace(/#\d+$/, '')) ? step : `{${ns}}${step}`))
      .map((s) => '/' + s)
      .join('');
}

function valueMap(id: string, name: string, rows: [string, string][], fallback?: string): ValueMap {
  return { id, name, rows: rows.map(([from, to]) => ({ from, to })), ...(fallback !== undefined ? { default: fallback } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Rule A1: Amt24 → Gewerbemeldung 1.2 (MAPPING.md, "Rule A1")
// ---------------------------------------------------------------------------------------------

function a1Mapping(): Mapping {
  const r = new RuleList(clarkPath(GM));
  const G = 'Gewerbemeldung';
  const meta = (f: string) => src(`antragsmetadaten/instance_1/${f}`);
  const betrieb = (f: string) => src(`betrieb/instance_1/${f}`);
  const person = (f: string) => src(`antragsteller/instance_1/${f}`);
  const wohnsitz = (f: string) => src(`anschriftAntragsteller/instance_1/${f}`);

  r.const(`${G}/@version`, '1.2') // 2
    .value(`${G}/Kopfdaten/Vorgangsnummer`, meta('antragsId')) // 4
    .value(`${G}/Kopfdaten/Eingangsdatum`, meta('eingangszeitpunkt')) // 5
    .value(`${G}/Kopfdaten/Gemeindeschluessel`, meta('gemeindeschluessel')) // 6
    .value(`${G}/Kopfdaten/Leistungsschluessel`, meta('leikaSchluessel')) // 7
    .const(`${G}/Kopfdaten/Meldungsart`, 'AN') // 8
    .value(`${G}/Betrieb/Name`, betrieb('betriebsname')) // 10
    .value(`${G}/Betrieb/Rechtsform`, lookup('rechtsform', betrieb('rechtsform'))) // 11
    .each(`${G}/Betrieb/Wirtschaftsbereich`, 'betrieb/instance_1/ausuebungAls/selectedValue',
      lookup('wirtschaftsbereich', src('betrieb/instance_1/ausuebungAls/selectedValue'))) // 12
    .when(`${G}/Betrieb/Registereintrag`, notBlank(betrieb('registernummer'))) // 13
    .value(`${G}/Betrieb/Registereintrag/Registergericht`, betrieb('registergericht')) // 14
    .value(`${G}/Betrieb/Registereintrag/Registernummer`, betrieb('registernummer')); // 15
  for (const [to, from] of [['Strasse', 'strasse'], ['Hausnummer', 'hausnummer'], ['PLZ', 'plz'], ['Ort', 'ort']]) {
    r.value(`${G}/Betrieb/Betriebsanschrift/${to}`, src(`betriebsanschrift/instance_1/${from}`)); // 17–20
  }
  r.each(`${G}/Betrieb/Taetigkeiten/Taetigkeit`, 'taetigkeiten/instance_*') // 22
    .value(`${G}/Betrieb/Taetigkeiten/Taetigkeit/@istHaupttaetigkeit`, isTrue(src('taetigkeiten/instance_*/haupttaetigkeit'))) // 23
    .value(`${G}/Betrieb/Taetigkeiten/Taetigkeit/Beschreibung`, src('taetigkeiten/instance_*/taetigkeitBeschreibung')) // 24
    .value(`${G}/Betrieb/Beginn`, amt24Date(betrieb('betriebsbeginn'))) // 25
    .value(`${G}/Betrieb/Beschaeftigte/Vollzeit`, orDefault(src('beschaeftigte/instance_1/anzahlVollzeit'), '0')) // 27
    .value(`${G}/Betrieb/Beschaeftigte/Teilzeit`, orDefault(src('beschaeftigte/instance_1/anzahlTeilzeit'), '0')) // 28
    .value(`${G}/Inhaber/Person/Anrede`, lookup('anrede', person('anrede'))) // 31
    .value(`${G}/Inhaber/Person/Vorname`, person('vorname')) // 32
    .value(`${G}/Inhaber/Person/Familienname`, person('familienname')) // 33
    .value(`${G}/Inhaber/Person/Geburtsdatum`, amt24Date(person('geburtsdatum'))) // 34
    .value(`${G}/Inhaber/Person/Geburtsort`, person('geburtsort'), { condition: notBlank(person('geburtsort')) }) // 35
    .value(`${G}/Inhaber/Person/Staatsangehoerigkeit`, person('staatsangehoerigkeit')) // 36
    .value(`${G}/Inhaber/Person/Wohnanschrift/StrasseHausnummer`, call('concat', wohnsitz('strasse'), str(' '), wohnsitz('hausnummer'))) // 38
    .value(`${G}/Inhaber/Person/Wohnanschrift/PlzOrt`, call('concat', wohnsitz('plz'), str(' '), wohnsitz('ort'))) // 39
    .when(`${G}/Anlagen`, call('exists', src('anlagen/instance_*'))) // 40
    .each(`${G}/Anlagen/Anlage`, 'anlagen/instance_*') // 41
    .value(`${G}/Anlagen/Anlage/Dateiname`, src('anlagen/instance_*/datei/filename')) // 42
    .value(`${G}/Anlagen/Anlage/MimeType`, src('anlagen/instance_*/datei/mimetype')) // 43
    .value(`${G}/Anlagen/Anlage/Inhalt`, src('anlagen/instance_*/datei/base64Data')); // 44

  return {
    rules: r.build(),
    parameters: [],
    valueMaps: [
      valueMap(
        'rechtsform',
        'Rechtsform (Formularwert → Code)',
        [
          ['Einzelunternehmen', '01'],
          ['GbR', '02'],
          ['OHG', '03'],
          ['KG', '04'],
          ['GmbH & Co. KG', '05'],
          ['GmbH', '06'],
          ['UG (haftungsbeschränkt)', '07'],
          ['AG', '08'],
          ['eG', '09'],
          ['e.V.', '10'],
          ['PartG', '11'],
          ['Ltd.', '12'],
          ['Sonstige', '99'],
        ],
        '99',
      ),
      valueMap('anrede', 'Anrede (Formularwert → Code)', [['Herr', '1'], ['Frau', '2'], ['Divers', '3'], ['keine Angabe', '9']], '9'),
      valueMap('wirtschaftsbereich', 'Wirtschaftsbereich (Ausübung als → Code)', [['Industrie', 'I'], ['Handwerk', 'HW'], ['Handel', 'HA'], ['Sonstiges', 'S']], 'S'),
    ],
    variables: [],
    namespaces: { gm: GM },
  };
}

// ---------------------------------------------------------------------------------------------
// Rule DMS Vorgang: Amt24 → xdomea 3.0.0 FVDaten.SGOAblegen.0605 (MAPPING.md, "Rule DMS Vorgang")
// ---------------------------------------------------------------------------------------------

const DATENTYP = ['urn:xoev-de:xdomea:codeliste:datentyp', '1.1'] as const;
const MEDIUM = ['urn:xoev-de:xdomea:codeliste:medium', '1.0'] as const;
const STAAT = ['urn:xoev-de:kosit:codeliste:country-codes', '7'] as const;
const ANSCHRIFTSTYP = ['urn:xoev-de:xdomea:codeliste:anschriftstyp', '1.0'] as const;
const ERREICHBARKEIT = ['urn:de:xoev:codeliste:erreichbarkeit', '3'] as const;

function dmsMapping(): Mapping {
  const r = new RuleList(clarkPath(XD, ['code']));
  const M = 'FVDaten.SGOAblegen.0605';
  const K = `${M}/Kopf`;
  const S = `${M}/SchriftgutobjektZumAblegen`;
  const V = `${S}/Schriftgutobjekt/Vorgang`;
  const meta = (f: string) => src(`antragsmetadaten/instance_1/${f}`);
  const betrieb = (f: string) => src(`betrieb/instance_1/${f}`);
  const person = (f: string) => src(`antragsteller/instance_1/${f}`);
  /** A UUID-shaped id; its last block is $uuid-suffix. */
  const uuid = (prefix: string) => call('concat', str(prefix), variable('uuid-suffix'));
  // Loop variable $dokument-id of row 44 (there are no loop variables: the expression is written where it is used);
  // $i = position() has no structured form.
  const dokumentId = call('concat', str('a2400000-0000-8000-'), call('add', num('8100'), xpath('position()')), str('-'), variable('uuid-suffix'));

  /** An xdomea Feld: Name, Datentyp (code list datentyp 1.1), Wert; optionally only under a condition. */
  const feld = (base: string, name: string, datentyp: string, wert: Expr, condition?: Expr) => {
    if (condition) r.when(base, condition);
    r.const(`${base}/Name`, name).code(`${base}/Datentyp`, datentyp, ...DATENTYP).value(`${base}/Wert`, wert);
  };
  /** An xdomea Anschrift in Germany: Staat DE, street, number, postcode, town, address type. */
  const anschrift = (base: string, group: string, typ: string) => {
    r.code(`${base}/Staat/Staat`, 'DE', ...STAAT);
    for (const [to, from] of [['Strasse', 'strasse'], ['Hausnummer', 'hausnummer'], ['Postleitzahl', 'plz'], ['Ort', 'ort']]) {
      r.value(`${base}/${to}`, src(`${group}/instance_1/${from}`));
    }
    r.code(`${base}/Typ`, typ, ...ANSCHRIFTSTYP);
  };
  /** A Kommunikation (channel code + address) written only when the field is filled. */
  const kommunikation = (base: string, kanal: string, field: string) => {
    r.when(base, notBlank(person(field)))
      .code(`${base}/Kanal`, kanal, ...ERREICHBARKEIT)
      .value(`${base}/Kennung`, person(field));
  };

  // Kopf (rows 3–29)
  r.value(`${K}/ProzessID`, uuid('a2400000-0000-8000-8000-'))
    .code(`${K}/Nachrichtentyp`, '0605', 'urn:xoev-de:xdomea:codeliste:nachrichtentyp', '2.0')
    .value(`${K}/Erstellungszeitpunkt`, meta('eingangszeitpunkt'))
    .const(`${K}/Absender/Institution/Name`, 'Amt24 Sachsen – Integrationsdienst')
    .const(`${K}/Absender/Institution/Kurzbezeichnung`, 'Amt24')
    .code(`${K}/Empfaenger/Behoerdenkennung/Behoerdenschluessel`, meta('gemeindeschluessel'))
    .code(`${K}/Empfaenger/Behoerdenkennung/Praefix`, 'ags')
    // GEMEINDE's fallback depends on the input, so it is written here rather than as the table default.
    // An organisation can name itself with $empfaenger-institution; empty (the default) keeps the table.
    .value(
      `${K}/Empfaenger/Institution/Name`,
      call(
        'if',
        call('not', call('empty', param('empfaenger-institution'))),
        param('empfaenger-institution'),
        call(
          'if',
          call('exists', lookup('gemeinde', meta('gemeindeschluessel'))),
          lookup('gemeinde', meta('gemeindeschluessel')),
          call('concat', str('Gemeinde '), meta('gemeindeschluessel')),
        ),
      ),
    )
    .value(`${K}/Empfaenger/Organisationseinheit/Name`, param('empfaenger-stelle'))
    .const(`${K}/SendendesSystem/InstanzID`, 'amt24-integrationsdienst')
    .const(`${K}/SendendesSystem/Produktname`, 'Amt24 Integrationsdienst')
    .const(`${K}/Empfangsbestaetigung`, '0')
    .const(`${K}/Importbestaetigung`, '1')
    .const(`${K}/Erstellerkennung`, 'amt24')
    .const(`${K}/Stapel`, '0');

  // SchriftgutobjektZumAblegen / Vorgang (rows 31–43)
  r.value(`${S}/FachverfahrenObjektID`, meta('antragsId'))
    .value(`${V}/Identifikation/ID`, uuid('a2400000-0000-8000-8001-'))
    .value(`${V}/AllgemeineMetadaten/Betreff`, call('concat', meta('leistungsbezeichnung'), str(' '), betrieb('betriebsname')))
    .value(`${V}/AllgemeineMetadaten/Bemerkung`, call('concat', str('Onlineantrag über Amt24, Antrags-ID '), meta('antragsId')))
    .code(`${V}/AllgemeineMetadaten/Medium`, '001', ...MEDIUM)
    .value(`${V}/Typ`, meta('leistungsbezeichnung'));

  // One Dokument per upload (rows 44–66)
  const D = `${V}/Dokument`;
  const anlage = (f: string) => src(`anlagen/instance_*/${f}`);
  r.each(D, 'anlagen/instance_*')
    .value(`${D}/Identifikation/ID`, dokumentId)
    .value(`${D}/AllgemeineMetadaten/Betreff`, anlage('anlageart'))
    .code(`${D}/AllgemeineMetadaten/Medium`, '001', ...MEDIUM)
    .value(`${D}/Posteingangsdatum`, amt24Date(meta('eingangszeitpunkt')))
    .const(`${D}/Typ`, 'Anlage')
    .const(`${D}/Version/Nummer`, '1')
    .code(`${D}/Version/Format/Name`, lookup('dateiformat', anlage('datei/mimetype')), 'urn:xoev-de:xdomea:codeliste:dateiformat', '1.0')
    .const(`${D}/Version/Format/Version`, '')
    .value(`${D}/Version/Format/Primaerdokument/Dateiname`, call('concat', dokumentId, str('_'), anlage('datei/filename')))
    .value(`${D}/Version/Format/Primaerdokument/DateinameOriginal`, anlage('datei/filename'))
    .value(`${D}/Version/Format/Primaerdokument/DatumUhrzeit`, meta('eingangszeitpunkt'));

  // 1st Kontakt: the applicant (rows 67–103)
  const P = `${V}/Kontakt`;
  r.value(`${P}/Name/Anrede`, person('anrede'), {
    condition: call('or', call('equals', person('anrede'), str('Herr')), call('equals', person('anrede'), str('Frau'))),
  })
    .value(`${P}/Name/Familienname/Name`, person('familienname'))
    .value(`${P}/Name/Vorname/Name`, person('vorname'));
  anschrift(`${P}/Anschrift`, 'anschriftAntragsteller', '001');
  kommunikation(`${P}/Kommunikation`, '01', 'email');
  kommunikation(`${P}/Kommunikation#2`, '02', 'telefon');
  r.code(`${P}/Rolle`, 'Antragsteller').value(`${P}/Geburt/Datum`, amt24Date(person('geburtsdatum')));

  // 2nd Kontakt: the business (rows 104–122)
  const B = `${V}/Kontakt#2`;
  r.value(`${B}/Institution/Name`, betrieb('betriebsname'));
  anschrift(`${B}/Anschrift`, 'betriebsanschrift', '002');
  r.code(`${B}/Rolle`, 'Gewerbebetrieb');

  // Form data without a place of its own (rows 123–177)
  const E = `${V}/AnwendungsspezifischeErweiterung`;
  r.value(`${E}/Kennung`, meta('leikaSchluessel'))
    .value(`${E}/Name`, meta('leistungsbezeichnung'))
    .const(`${E}/Beschreibung`, 'Antragsdaten des Onlineantrags aus Amt24');

  const F1 = `${E}/Feldgruppe`;
  r.const(`${F1}/Name`, 'Betrieb').const(`${F1}/Beschreibung`, 'Angaben zum Gewerbebetrieb');
  feld(`${F1}/Feld`, 'Rechtsform', '038', betrieb('rechtsform'));
  feld(
    `${F1}/Feld#2`,
    'Registereintrag',
    '038',
    call('concat', betrieb('registergericht'), str(', '), betrieb('registernummer')),
    notBlank(betrieb('registernummer')),
  );
  feld(`${F1}/Feld#3`, 'Wirtschaftsbereiche', '038', call('join', betrieb('ausuebungAls/selectedValue'), str(', ')));
  feld(`${F1}/Feld#4`, 'Betriebsbeginn', '005', amt24Date(betrieb('betriebsbeginn')));
  feld(`${F1}/Feld#5`, 'BeschaeftigteVollzeit', '031', orDefault(src('beschaeftigte/instance_1/anzahlVollzeit'), '0'));
  feld(`${F1}/Feld#6`, 'BeschaeftigteTeilzeit', '031', orDefault(src('beschaeftigte/instance_1/anzahlTeilzeit'), '0'));

  const F2 = `${E}/Feldgruppe#2`;
  const U = `${F2}/Unterfeldgruppe`;
  const taetigkeit = (f: string) => src(`taetigkeiten/instance_*/${f}`);
  r.const(`${F2}/Name`, 'Taetigkeiten')
    .const(`${F2}/Beschreibung`, 'Angemeldete Tätigkeiten')
    .each(U, 'taetigkeiten/instance_*')
    // position() in the loop has no structured form.
    .value(`${U}/Name`, call('concat', str('Taetigkeit '), xpath('position()')))
    .value(`${U}/Beschreibung`, call('if', isTrue(taetigkeit('haupttaetigkeit')), str('Haupttätigkeit'), str('Nebentätigkeit')));
  feld(`${U}/Feld`, 'Beschreibung', '038', taetigkeit('taetigkeitBeschreibung'));
  feld(`${U}/Feld#2`, 'Haupttaetigkeit', '003', isTrue(taetigkeit('haupttaetigkeit')));

  r.value(`${S}/Ablageort`, meta('antragsId')); // 178

  return {
    rules: r.build(),
    parameters: [
      {
        name: 'empfaenger-stelle',
        type: 'string',
        default: 'Gewerbebehörde',
        documentation: 'Name der zuständigen Stelle beim Empfänger (xdomea Kopf/Empfaenger/Organisationseinheit/Name)',
      },
      {
        name: 'empfaenger-institution',
        type: 'string',
        default: '',
        documentation: 'Name der empfangenden Behörde; leer: aus dem Gemeindeschlüssel der Nachricht (Wertetabelle gemeinde)',
      },
    ],
    valueMaps: [
      valueMap('gemeinde', 'Gemeinde (AGS → Name; sonst "Gemeinde <AGS>")', [
        ['14511000', 'Stadt Chemnitz'],
        ['14612000', 'Landeshauptstadt Dresden'],
        ['14713000', 'Stadt Leipzig'],
      ]),
      valueMap(
        'dateiformat',
        'Dateiformat (MIME-Typ → xdomea-Code Dateiformat 1.0)',
        [
          ['application/pdf', '018'],
          ['image/jpeg', '011'],
          ['image/png', '019'],
          ['image/tiff', '024'],
          ['text/plain', '045'],
          ['application/xml', '030'],
          ['text/xml', '030'],
          ['application/msword', '003'],
          ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '035'],
          ['application/vnd.oasis.opendocument.text', '015'],
        ],
        '100',
      ),
    ],
    variables: [
      {
        name: 'uuid-suffix',
        // format-number(xs:integer(translate(substring-after(antragsId, 'AMT24-'), '-', '')), '000000000000')
        value: call('format-number', call('replace', call('substring', meta('antragsId'), num('7')), str('-'), str('')), str('000000000000')),
        documentation: "Ziffern der Antrags-ID nach 'AMT24-', auf 12 Stellen aufgefüllt: letzter Block aller UUID-förmigen IDs",
      },
    ],
    namespaces: { xdomea: XD },
  };
}

// ---------------------------------------------------------------------------------------------
// The project
// ---------------------------------------------------------------------------------------------

function samples(): SampleMessage[] {
  return MESSAGES.map((m) => ({ id: m.id, name: `${m.file}.xml`, content: read(join(HERE, 'messages', `${m.file}.xml`)) }));
}

function tests(rule: string): TestCase[] {
  return MESSAGES.map((m, i) => ({
    id: `test-0${i + 1}`,
    name: m.test,
    sampleId: m.id,
    expected: read(join(EXPECTED_DIR, `${rule}--${m.file}.xml`)),
    organisationId: TEST_ORGANISATION,
    ignore: [],
  }));
}

/** All files under dir with the given extension, as paths relative to dir with '/' separators, sorted. */
function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function schemaSets(): SchemaSet[] {
  const xdomeaDir = join(HERE, 'schemas/xdomea-3.0.0');
  const entry = 'xdomea_3.0.0/xdomea.xsd';
  const xdomeaFiles = filesUnder(xdomeaDir, '.xsd');
  // Entry schema first, then the rest in path order.
  const ordered = [entry, ...xdomeaFiles.filter((f) => f !== entry)];
  return [
    {
      id: 'amt24-gewerbeanmeldung',
      name: 'Amt24 Gewerbeanmeldung (Beispielnachrichten)',
      kind: 'sample-xml',
      files: MESSAGES.map((m) => ({ name: `${m.file}.xml`, content: read(join(HERE, 'messages', `${m.file}.xml`)) })),
    },
    {
      id: 'gewerberegister-import',
      name: 'Gewerbemeldung 1.2 (Importformat Gewerbe-Fachverfahren)',
      kind: 'xsd',
      files: [{ name: 'gewerberegister-import.xsd', content: read(join(HERE, 'schemas/gewerberegister-import.xsd')) }],
    },
    {
      id: 'xdomea-3.0.0',
      name: 'xdomea 3.0.0',
      kind: 'xsd',
      files: ordered.map((name) => ({ name, content: read(join(xdomeaDir, name)) })),
    },
  ];
}

/** LeiKa key of the trade notification (Gewerbeanmeldung). */
const LEIKA_GEWERBEANMELDUNG = '99050012104000';
/** The fictitious test organisation the expected outputs are written for. */
const TEST_ORGANISATION = 'testorganisation';

/** Organisation settings of one flow (routing and parameter values). */
function flowSettings(flowId: string, targetSystemId: string, adapterId: string, params: Record<string, string> = {}): Organisation['flows'][number] {
  return { flowId, targetSystemId, adapterId, params };
}

/**
 * The fictitious test organisation (its values equal the parameter defaults, so the expected outputs hold
 * for it) and three municipalities with their trade offices, routing and parameter values.
 */
function organisations(): Organisation[] {
  const city = (id: string, name: string, ags: string, office: string, institution: string): Organisation => ({
    id,
    name,
    kind: 'municipality',
    ags,
    authorityId: `ags:${ags}`,
    offices: [{ id: 'gewerbeamt', name: office, authorityId: `ags:${ags}:gewerbe` }],
    responsible: { [LEIKA_GEWERBEANMELDUNG]: 'gewerbeamt' },
    flows: [
      flowSettings('a1-gewerberegister', 'gewerbefachverfahren', 'file'),
      flowSettings('dms-vorgang', 'dms', 'xta', { 'empfaenger-stelle': office, 'empfaenger-institution': institution }),
    ],
  });
  return [
    {
      id: TEST_ORGANISATION,
      name: 'Testkommune Musterstadt (fiktiv)',
      kind: 'test',
      ags: '14999999',
      authorityId: 'ags:14999999',
      offices: [{ id: 'gewerbeamt', name: 'Gewerbebehörde' }],
      responsible: { [LEIKA_GEWERBEANMELDUNG]: 'gewerbeamt' },
      flows: [
        flowSettings('a1-gewerberegister', 'gewerbefachverfahren', 'file'),
        flowSettings('dms-vorgang', 'dms', 'xta', { 'empfaenger-stelle': 'Gewerbebehörde', 'empfaenger-institution': '' }),
      ],
    },
    city('chemnitz', 'Stadt Chemnitz', '14511000', 'Bürgeramt – Gewerbeangelegenheiten', 'Stadt Chemnitz'),
    city('dresden', 'Landeshauptstadt Dresden', '14612000', 'Ordnungsamt – Gewerbeangelegenheiten', 'Landeshauptstadt Dresden'),
    city('leipzig', 'Stadt Leipzig', '14713000', 'Ordnungsamt – Gewerbebehörde', 'Stadt Leipzig'),
  ];
}

const AMT24_MESSAGE = { schemaId: 'amt24-gewerbeanmeldung', root: { ns: '', local: 'serviceportal-fields' } };

function flows(): Flow[] {
  return [
    {
      id: 'einreichung',
      scenarioCode: 'A1',
      procedureId: LEIKA_GEWERBEANMELDUNG,
      title: 'Antrag übermitteln',
      from: { systemId: 'amt24', adapterId: 'osci' },
      to: { systemId: 'integrationsdienst', adapterId: 'osci' },
      attachments: true,
      source: AMT24_MESSAGE,
      mapping: { rules: [], parameters: [], valueMaps: [], variables: [], namespaces: {} },
      samples: [],
      tests: [],
    },
    {
      id: 'a1-gewerberegister',
      scenarioCode: 'A1',
      procedureId: LEIKA_GEWERBEANMELDUNG,
      title: 'Gewerbeanmeldung an Gewerbefachverfahren',
      from: { systemId: 'integrationsdienst', adapterId: 'file' },
      to: { systemId: 'gewerbefachverfahren', adapterId: 'file' },
      stage: 2,
      attachments: true,
      source: AMT24_MESSAGE,
      target: { schemaId: 'gewerberegister-import', root: { ns: GM, local: 'Gewerbemeldung' } },
      mapping: a1Mapping(),
      samples: samples(),
      tests: tests('a1-gewerberegister'),
    },
    {
      id: 'dms-vorgang',
      scenarioCode: 'VD',
      procedureId: LEIKA_GEWERBEANMELDUNG,
      title: 'Vorgangsdokumentation an DMS',
      from: { systemId: 'integrationsdienst', adapterId: 'file' },
      to: { systemId: 'dms', adapterId: 'xta' },
      stage: 2,
      attachments: true,
      source: AMT24_MESSAGE,
      target: { schemaId: 'xdomea-3.0.0', root: { ns: XD, local: 'FVDaten.SGOAblegen.0605' } },
      mapping: dmsMapping(),
      samples: samples(),
      tests: tests('dms-vorgang'),
    },
  ];
}

/** The sample project, validated (zod defaults applied, so it equals what loadProject gives for its file). */
export function buildProject(): Project {
  const raw: Project = {
    formatVersion: 1,
    id: 'gewerbeanmeldung',
    name: 'Gewerbeanmeldung (Beispiel)',
    description:
      'Beispielprojekt: Eine Gewerbeanmeldung wird im Onlineantragsassistenten Amt24 gestellt und über den ' +
      'Integrationsdienst weitergeleitet, (A1) als Importdatei „Gewerbemeldung 1.2“ an das Gewerbe-Fachverfahren ' +
      'und (VD) als xdomea-3.0.0-Nachricht FVDaten.SGOAblegen.0605 samt Anlagen an das DMS / die E-Akte. ' +
      'Die Zuordnungen sind in samples/gewerbeanmeldung/MAPPING.md beschrieben; die Testfälle vergleichen mit den ' +
      'Ausgaben der handgeschriebenen Referenz-XSLT.',
    systems: [
      {
        id: 'amt24',
        kind: 'application-assistant',
        name: 'Amt24 Onlineantragsassistent',
        product: 'Amt24',
        adapters: [{ id: 'osci', kind: 'osci', name: 'OSCI-Versand', settings: {} }],
        position: { x: 0, y: 100 },
      },
      {
        id: 'integrationsdienst',
        kind: 'integration-hub',
        name: 'Integrationsdienst / Datendrehscheibe',
        product: 'SAKD Integrationsdienst',
        adapters: [
          { id: 'osci', kind: 'osci', name: 'OSCI-Empfang', settings: {} },
          {
            id: 'file',
            kind: 'file',
            name: 'Dateiaustausch',
            settings: { inputDir: '/austausch/integrationsdienst/eingang', outputDir: '/austausch/integrationsdienst/ausgang', variant: 'folder' },
          },
        ],
        position: { x: 300, y: 100 },
      },
      {
        id: 'gewerbefachverfahren',
        kind: 'specialised-system',
        subKind: 'trade-register',
        name: 'Gewerbefachverfahren',
        product: 'Gewerbe-Fachverfahren (fiktiv)',
        adapters: [
          {
            id: 'file',
            kind: 'file',
            name: 'Importverzeichnis',
            settings: { inputDir: '/austausch/gewerbe/eingang', outputDir: '/austausch/gewerbe/ausgang', variant: 'folder' },
          },
        ],
        position: { x: 600, y: 0 },
      },
      {
        id: 'dms',
        kind: 'records-system',
        name: 'DMS / E-Akte',
        product: 'E-Akte (xdomea 3.0.0)',
        adapters: [{ id: 'xta', kind: 'xta', name: 'XTA-Postfach', settings: {} }],
        position: { x: 600, y: 200 },
      },
    ],
    flows: flows(),
    schemas: schemaSets(),
    organisations: organisations(),
  };
  const r = loadProject(JSON.stringify(raw), 'gewerbeanmeldung (Builder)');
  if (!r.ok) throw new Error('Beispielprojekt ist ungültig:\n' + r.errors.map(formatDiagnostic).join('\n'));
  return r.project;
}

// Run directly: write the project file.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = saveProject(buildProject());
  writeFileSync(PROJECT_FILE, text);
  console.log(`${relative(process.cwd(), PROJECT_FILE)}: ${(text.length / 1024).toFixed(0)} KiB geschrieben`);
}
