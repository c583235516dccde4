/** Texts of the flow designer (canvas, palette, inspector, blueprints), German and English. */
import type { AdapterKind, FlowDirection, SystemKind } from '../../core/model/project.ts';
import type { FlowStatus } from '../../core/landscape/status.ts';
import { makeT, type Lang } from '../i18n.ts';

const de = {
  designer: 'Flussdesigner',
  palette: 'Systempalette',
  paletteHint: 'Ziehen Sie ein System auf die Fläche oder drücken Sie Enter.',
  inspector: 'Eigenschaften',
  nothingSelected: 'Wählen Sie ein System, einen Adapter oder einen Fluss.',
  manySelected: '{n} Elemente gewählt',
  search: 'Systeme und Flüsse suchen',
  searchPlaceholder: 'Suchen…',
  noHits: 'Keine Treffer',
  stage: 'Umsetzungsstufe',
  allStages: 'Alle Stufen',
  stageN: 'Stufe {n}',
  noStage: 'ohne Stufe',
  layout: 'Automatisch anordnen',
  layoutShort: 'Anordnen',
  layoutGrid: 'Im Raster anordnen',
  layoutGridShort: 'Raster',
  layoutRunning: 'Ordnet an…',
  layoutFailed: 'Anordnen fehlgeschlagen: {msg}',
  fit: 'Alles zeigen',
  minimap: 'Übersichtskarte ein/aus',
  minimapShort: 'Karte',
  exportSvg: 'Als SVG exportieren',
  exportPng: 'Als PNG exportieren',
  exportFailed: 'Export fehlgeschlagen: {msg}',
  enlarge: 'Vergrößern',
  shrink: 'Verkleinern',
  showPalette: 'Palette',
  showInspector: 'Eigenschaften',
  undo: 'Rückgängig',
  redo: 'Wiederholen',
  findings: '{n} Hinweise',
  finding1: '1 Hinweis',
  noFindings: 'Keine Hinweise',
  resize: 'Höhe des Flussdesigners',
  // Systems
  system: 'System',
  name: 'Name',
  kind: 'Art',
  subKind: 'Fachliche Art',
  product: 'Produkt',
  vendor: 'Hersteller',
  version: 'Version',
  adapters: 'Adapter',
  noAdapters: 'Keine Adapter',
  addAdapter: 'Adapter hinzufügen',
  removeAdapter: 'Adapter entfernen',
  adapter: 'Adapter',
  adapterName: 'Bezeichnung',
  deleted: 'Gelöschtes System',
  deletedHint: 'Dieses System gibt es im Projekt nicht mehr. Die Flüsse bleiben erhalten: verbinden Sie sie neu oder löschen Sie sie.',
  // Flows
  flow: 'Nachrichtenfluss',
  scenarioCode: 'Szenario',
  title: 'Titel',
  direction: 'Richtung',
  noDirection: '(keine)',
  sourceType: 'Quellnachricht',
  targetType: 'Zielnachricht',
  noType: '(kein Nachrichtentyp)',
  attachments: 'Mit Anlagen',
  from: 'Von',
  to: 'Nach',
  status: 'Status',
  openMapping: 'Mapping öffnen',
  runTests: 'Tests ausführen',
  testsRunning: 'Tests laufen…',
  testsResult: '{passed} bestanden, {failed} fehlgeschlagen',
  noTests: 'Keine Testfälle',
  testsHonest: 'Der Status „Tests bestanden“ gilt für den letzten Testlauf (hier oder im Testbereich) mit genau diesem Stand des Flusses; jede Änderung setzt ihn zurück.',
  newFlowTitle: 'Neuer Nachrichtenfluss',
  reconnect: 'Neu verbinden mit',
  // Actions and menus
  delete: 'Löschen',
  copy: 'Kopieren',
  paste: 'Einfügen',
  duplicate: 'Duplizieren',
  selectAll: 'Alles auswählen',
  connectFrom: 'Fluss von hier ziehen…',
  connectPick: 'Zielsystem wählen: Enter oder Klick, Esc bricht ab.',
  addHere: 'System hier einfügen',
  menu: 'Kontextmenü',
  confirmDelete: 'Wirklich löschen?',
  confirmDeleteText: 'Diese Flüsse haben ein Mapping, das mit gelöscht wird (Rückgängig stellt es wieder her):',
  rules: '{n} Zuordnungen',
  cancel: 'Abbrechen',
  refused: 'Verbindung abgelehnt',
  close: 'Schließen',
  keyboardHelp: 'Tastatur: Tab wechselt zur Fläche, Pfeiltasten springen zum nächsten System, Umschalt+Pfeil verschiebt, Enter öffnet, Entf löscht, Strg+C/V kopiert, Umschalt+F10 öffnet das Menü.',
  // Blueprints
  fromBlueprint: 'Neu aus Vorlage',
  blueprints: 'Neues Projekt aus Vorlage',
  blueprintCreate: 'Projekt anlegen',
  blueprintCounts: '{systems} Systeme, {flows} Flüsse',
  acyclic: 'ohne Zyklen',
  // Flow list
  flowsOf: 'Nachrichtenflüsse',
  filtered: '{shown} von {all}',
};

type D = typeof de;

const en: Partial<D> = {
  designer: 'Flow designer',
  palette: 'System palette',
  paletteHint: 'Drag a system onto the canvas or press Enter.',
  inspector: 'Properties',
  nothingSelected: 'Select a system, an adapter or a flow.',
  manySelected: '{n} items selected',
  search: 'Search systems and flows',
  searchPlaceholder: 'Search…',
  noHits: 'No matches',
  stage: 'Integration stage',
  allStages: 'All stages',
  stageN: 'Stage {n}',
  noStage: 'no stage',
  layout: 'Arrange automatically',
  layoutShort: 'Arrange',
  layoutGrid: 'Arrange on a grid',
  layoutGridShort: 'Grid',
  layoutRunning: 'Arranging…',
  layoutFailed: 'Arranging failed: {msg}',
  fit: 'Show all',
  minimap: 'Overview map on/off',
  minimapShort: 'Map',
  exportSvg: 'Export as SVG',
  exportPng: 'Export as PNG',
  exportFailed: 'Export failed: {msg}',
  enlarge: 'Enlarge',
  shrink: 'Shrink',
  showPalette: 'Palette',
  showInspector: 'Properties',
  undo: 'Undo',
  redo: 'Redo',
  findings: '{n} findings',
  finding1: '1 finding',
  noFindings: 'No findings',
  resize: 'Height of the flow designer',
  system: 'System',
  name: 'Name',
  kind: 'Kind',
  subKind: 'Specific kind',
  product: 'Product',
  vendor: 'Vendor',
  version: 'Version',
  adapters: 'Adapters',
  noAdapters: 'No adapters',
  addAdapter: 'Add adapter',
  removeAdapter: 'Remove adapter',
  adapter: 'Adapter',
  adapterName: 'Label',
  deleted: 'Deleted system',
  deletedHint: 'This system no longer exists in the project. Its flows are kept: reconnect or delete them.',
  flow: 'Message flow',
  scenarioCode: 'Scenario',
  title: 'Title',
  direction: 'Direction',
  noDirection: '(none)',
  sourceType: 'Source message',
  targetType: 'Target message',
  noType: '(no message type)',
  attachments: 'With attachments',
  from: 'From',
  to: 'To',
  status: 'Status',
  openMapping: 'Open mapping',
  runTests: 'Run tests',
  testsRunning: 'Running tests…',
  testsResult: '{passed} passed, {failed} failed',
  noTests: 'No test cases',
  testsHonest: 'The "tests pass" status holds for the last test run (here or in the tests panel) of exactly this version of the flow; any change resets it.',
  newFlowTitle: 'New message flow',
  reconnect: 'Reconnect to',
  delete: 'Delete',
  copy: 'Copy',
  paste: 'Paste',
  duplicate: 'Duplicate',
  selectAll: 'Select all',
  connectFrom: 'Draw a flow from here…',
  connectPick: 'Pick the target system: Enter or click, Esc cancels.',
  addHere: 'Add system here',
  menu: 'Context menu',
  confirmDelete: 'Really delete?',
  confirmDeleteText: 'These flows have a mapping that is deleted with them (Undo brings it back):',
  rules: '{n} mappings',
  cancel: 'Cancel',
  refused: 'Connection refused',
  close: 'Close',
  keyboardHelp: 'Keyboard: Tab moves to the canvas, arrow keys jump to the next system, Shift+arrow moves it, Enter opens, Delete deletes, Ctrl+C/V copies, Shift+F10 opens the menu.',
  fromBlueprint: 'New from blueprint',
  blueprints: 'New project from a blueprint',
  blueprintCreate: 'Create project',
  blueprintCounts: '{systems} systems, {flows} flows',
  acyclic: 'no cycles',
  flowsOf: 'Message flows',
  filtered: '{shown} of {all}',
};

/** Translate hook for the designer. */
export const useCanvasT = makeT(de, en);

type Pair = { de: string; en: string };
const pick = (p: Pair, lang: Lang) => p[lang];

const KIND: Record<SystemKind, Pair> = {
  'application-assistant': { de: 'Onlineantragsassistent', en: 'Application assistant' },
  'integration-hub': { de: 'Integrationsdienst', en: 'Integration hub' },
  'specialised-system': { de: 'Fachverfahren', en: 'Specialised system' },
  'records-system': { de: 'DMS / E-Akte', en: 'Records system' },
  register: { de: 'Register', en: 'Register' },
  'support-service': { de: 'Unterstützungsdienst', en: 'Support service' },
  'citizen-account': { de: 'Servicekonto / Postfach', en: 'Citizen account' },
  'mandatory-recipient': { de: 'Pflichtempfänger', en: 'Mandatory recipient' },
  email: { de: 'E-Mail', en: 'E-mail' },
};

const SUB: Record<string, Pair> = {
  'trade-register': { de: 'Gewerbefachverfahren', en: 'Trade register software' },
  'cash-accounting': { de: 'HKR-Verfahren (Kasse)', en: 'Cash & accounting' },
  'civil-registry': { de: 'Personenstand (Standesamt)', en: 'Civil registry' },
  'health-office': { de: 'Gesundheitsamt', en: 'Health office' },
  lab: { de: 'Labor', en: 'Lab' },
  statistics: { de: 'Statistikamt', en: 'Statistics office' },
  other: { de: 'Sonstiges', en: 'Other' },
  'e-payment': { de: 'E-Payment (ePayBL)', en: 'E-payment (ePayBL)' },
  'register-lookup': { de: 'Registerabfrage', en: 'Register lookup' },
  arrears: { de: 'Rückstandsauskunft', en: 'Arrears service' },
};

const ADAPTER: Record<AdapterKind, Pair> = {
  file: { de: 'Dateisystem', en: 'File system' },
  osci: { de: 'OSCI', en: 'OSCI' },
  xta: { de: 'XTA', en: 'XTA' },
  webservice: { de: 'Webservice', en: 'Web service' },
  email: { de: 'E-Mail', en: 'E-mail' },
};

const SETTING: Record<string, Pair> = {
  inputDir: { de: 'Eingangsverzeichnis', en: 'Input directory' },
  outputDir: { de: 'Ausgangsverzeichnis', en: 'Output directory' },
  variant: { de: 'Variante', en: 'Variant' },
  intermediary: { de: 'Intermediär', en: 'Intermediary' },
  recipient: { de: 'Empfänger', en: 'Recipient' },
  mailbox: { de: 'Postfach', en: 'Mailbox' },
  service: { de: 'Dienst', en: 'Service' },
  address: { de: 'Adresse', en: 'Address' },
  operation: { de: 'Operation', en: 'Operation' },
};

const VARIANT: Record<string, Pair> = {
  xml: { de: 'Eine XML-Datei', en: 'One XML file' },
  folder: { de: 'Ordner mit Dateien (XML + Anlagen)', en: 'Folder with files (XML + attachments)' },
};

const DIRECTION: Record<FlowDirection, Pair> = {
  'to-authority': { de: 'Antragsteller → Behörde', en: 'Applicant → authority' },
  'to-applicant': { de: 'Behörde → Antragsteller', en: 'Authority → applicant' },
  'between-authorities': { de: 'Zwischen Behörden', en: 'Between authorities' },
  receipt: { de: 'Quittung / Rückmeldung', en: 'Receipt / confirmation' },
};

const STATUS: Record<FlowStatus, Pair> = {
  'no-mapping': { de: 'kein Mapping', en: 'no mapping' },
  draft: { de: 'Entwurf', en: 'draft' },
  compiles: { de: 'übersetzbar', en: 'compiles' },
  'tests-pass': { de: 'Tests bestanden', en: 'tests pass' },
  'tests-fail': { de: 'Tests fehlgeschlagen', en: 'tests fail' },
};

/** Label of a system kind, or of its finer kind when it has one. */
export function kindLabel(kind: SystemKind, lang: Lang, subKind?: string): string {
  return subKind && SUB[subKind] ? pick(SUB[subKind], lang) : pick(KIND[kind], lang);
}
/** Label of a system kind alone. */
export const baseKindLabel = (kind: SystemKind, lang: Lang) => pick(KIND[kind], lang);
/** Label of a finer kind (falls back to the id). */
export const subKindLabel = (sub: string, lang: Lang) => (SUB[sub] ? pick(SUB[sub], lang) : sub);
/** Label of an adapter kind. */
export const adapterLabel = (kind: AdapterKind, lang: Lang) => pick(ADAPTER[kind], lang);
/** Label of an adapter setting key. */
export const settingLabel = (key: string, lang: Lang) => (SETTING[key] ? pick(SETTING[key], lang) : key);
/** Label of a file adapter variant. */
export const variantLabel = (v: string, lang: Lang) => (VARIANT[v] ? pick(VARIANT[v], lang) : v);
/** Label of a flow direction. */
export const directionLabel = (d: FlowDirection, lang: Lang) => pick(DIRECTION[d], lang);
/** Label of a flow status badge. */
export const statusLabel = (s: FlowStatus, lang: Lang) => pick(STATUS[s], lang);
