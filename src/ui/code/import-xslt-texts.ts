/** Texts of the XSLT import button and its report dialog. */
import { makeT } from '../i18n.ts';

const de = {
  button: 'XSLT importieren…',
  buttonHint: 'Eine XSLT-Regel in das Mapping dieses Flusses einlesen; was sich nicht abbilden lässt, bleibt unverändert erhalten.',
  title: 'XSLT-Import: {file}',
  reading: 'Lese {file}…',
  tooLarge: '{file} ist {size} MB groß; mehr als {max} MB liest der Import nicht ein.',
  unreadable: '{file} lässt sich nicht lesen: {message}',
  failed: 'Nicht importiert',
  nothingChanged: 'Am Mapping wurde nichts geändert.',
  summary: 'Gefunden',
  rules: 'Regeln',
  raw: 'Rohblöcke (unverändert übernommen)',
  parameters: 'Parameter',
  variables: 'Variablen',
  valueMaps: 'Wertetabellen',
  report: 'Bericht',
  replaceHint: 'Das ersetzt das Mapping des Flusses „{flow}“ (rückgängig mit Strg+Z).',
  replace: 'Mapping ersetzen',
  cancel: 'Abbrechen',
  close: 'Schließen',
  error: 'Fehler',
  warning: 'Warnung',
  info: 'Hinweis',
  line: 'Zeile {n}',
};

const en: Partial<typeof de> = {
  button: 'Import XSLT…',
  buttonHint: "Read an XSLT rule into this flow's mapping; what the mapping cannot express is kept unchanged.",
  title: 'XSLT import: {file}',
  reading: 'Reading {file}…',
  tooLarge: '{file} is {size} MB; the import reads at most {max} MB.',
  unreadable: '{file} cannot be read: {message}',
  failed: 'Not imported',
  nothingChanged: 'The mapping was not changed.',
  summary: 'Found',
  rules: 'Rules',
  raw: 'Raw blocks (kept unchanged)',
  parameters: 'Parameters',
  variables: 'Variables',
  valueMaps: 'Value maps',
  report: 'Report',
  replaceHint: 'This replaces the mapping of flow “{flow}” (undo with Ctrl+Z).',
  replace: 'Replace mapping',
  cancel: 'Cancel',
  close: 'Close',
  error: 'Error',
  warning: 'Warning',
  info: 'Note',
  line: 'line {n}',
};

/** Translate hook for the XSLT import. */
export const useImportXsltT = makeT(de, en);
