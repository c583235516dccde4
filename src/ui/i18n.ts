/** UI texts, German by default, English selectable. Keys are English; missing English falls back to German. */
import { useSession } from './state/session.ts';

export type Lang = 'de' | 'en';

const de = {
  appTitle: 'Regelwerk',
  tagline: 'Integrationsregeln entwerfen, prüfen, testen',
  projects: 'Projekte',
  openFile: 'Datei öffnen…',
  saveFile: 'Als Datei speichern',
  loadSample: 'Beispielprojekt laden',
  undo: 'Rückgängig',
  redo: 'Wiederholen',
  language: 'Sprache',
  saved: 'Gespeichert',
  saving: 'Speichert…',
  unsaved: 'Ungespeicherte Änderungen',
  flows: 'Nachrichtenflüsse',
  landscape: 'Systemlandschaft',
  noFlowSelected: 'Wählen Sie einen Nachrichtenfluss (Kante im Diagramm oder Liste), um sein Mapping zu öffnen.',
  source: 'Quelle',
  target: 'Ziel',
  mapper: 'Mapping',
  xslt: 'XSLT-Regel',
  output: 'Ausgabe',
  run: 'Ausführen',
  running: 'Läuft…',
  sample: 'Beispielnachricht',
  constant: 'Konstante',
  setConstant: 'Konstante setzen',
  removeRule: 'Zuordnung entfernen',
  linkHint: 'Ziehen Sie ein Quellfeld auf ein Zielfeld. Tastatur: Quellfeld mit Leertaste wählen, Zielfeld mit Leertaste wählen, dann L drücken.',
  link: 'Verbinden (L)',
  pickedSource: 'Gewähltes Quellfeld',
  diagnostics: 'Hinweise',
  noDiagnostics: 'Keine Hinweise.',
  runError: 'Fehler bei der Ausführung',
  line: 'Zeile',
  column: 'Spalte',
  tests: 'Tests',
  runTests: 'Tests ausführen',
  passed: 'bestanden',
  failed: 'fehlgeschlagen',
  loadErrorTitle: 'Die Datei konnte nicht geöffnet werden',
  nothingOverwritten: 'Es wurde nichts überschrieben.',
  close: 'Schließen',
  value: 'Wert',
  function: 'Funktion',
  loop: 'Schleife über',
  condition: 'Bedingung',
  lookup: 'Wertetabelle',
  param: 'Parameter',
  xpath: 'XPath',
  required: 'Pflichtfeld',
  unmappedRequired: 'Pflichtfeld ohne Zuordnung',
  search: 'Suchen',
  expandAll: 'Alle aufklappen',
  collapseAll: 'Alle zuklappen',
  timeMs: 'ms',
  flowFromTo: 'von {from} nach {to}',
  newProject: 'Neu',
  deleteProject: 'Löschen',
  storageError: 'Speichern im Browser fehlgeschlagen',
};

type Dict = typeof de;
export type TextKey = keyof Dict;

const en: Partial<Dict> = {
  tagline: 'Design, review and test integration rules',
  projects: 'Projects',
  openFile: 'Open file…',
  saveFile: 'Save as file',
  loadSample: 'Load sample project',
  undo: 'Undo',
  redo: 'Redo',
  language: 'Language',
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  flows: 'Message flows',
  landscape: 'System landscape',
  noFlowSelected: 'Select a message flow (edge in the diagram or list) to open its mapping.',
  source: 'Source',
  target: 'Target',
  mapper: 'Mapping',
  xslt: 'XSLT rule',
  output: 'Output',
  run: 'Run',
  running: 'Running…',
  sample: 'Sample message',
  constant: 'Constant',
  setConstant: 'Set constant',
  removeRule: 'Remove mapping',
  linkHint: 'Drag a source field onto a target field. Keyboard: pick a source field with Space, pick a target field with Space, then press L.',
  link: 'Link (L)',
  pickedSource: 'Picked source field',
  diagnostics: 'Findings',
  noDiagnostics: 'No findings.',
  runError: 'Run failed',
  line: 'line',
  column: 'column',
  tests: 'Tests',
  runTests: 'Run tests',
  passed: 'passed',
  failed: 'failed',
  loadErrorTitle: 'The file could not be opened',
  nothingOverwritten: 'Nothing was overwritten.',
  close: 'Close',
  value: 'Value',
  function: 'Function',
  loop: 'Loop over',
  condition: 'Condition',
  lookup: 'Value map',
  param: 'Parameter',
  xpath: 'XPath',
  required: 'Required',
  unmappedRequired: 'Required field not mapped',
  search: 'Search',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
  flowFromTo: 'from {from} to {to}',
  newProject: 'New',
  deleteProject: 'Delete',
  storageError: 'Saving in the browser failed',
};

/** Looks up a text in a language, filling {placeholders}. */
export function text(lang: Lang, key: TextKey, vars?: Record<string, string>): string {
  let s = (lang === 'en' ? en[key] : undefined) ?? de[key];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

/** Hook: a translate function for the current UI language. */
export function useT(): (key: TextKey, vars?: Record<string, string>) => string {
  const lang = useSession((s) => s.lang);
  return (key, vars) => text(lang, key, vars);
}

/**
 * Makes a translate hook for one area of the UI with its own dictionary, so areas keep their texts
 * in their own files: `const useFlowT = makeT({ title: 'Titel' }, { title: 'Title' })`.
 */
export function makeT<D extends Record<string, string>>(deDict: D, enDict: Partial<D>): () => (key: keyof D, vars?: Record<string, string>) => string {
  return () => {
    const lang = useSession((s) => s.lang);
    return (key, vars) => {
      let s = (lang === 'en' ? enDict[key] : undefined) ?? deDict[key];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v) as D[keyof D];
      return s;
    };
  };
}
