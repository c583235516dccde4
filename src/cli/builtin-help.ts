/** Synopsis, summary and `--help` of the commands main.ts runs itself (flows, compile, run, test, schema), German and English. */
import { SCHEMA_HELP } from './commands/schema.ts';
import type { CliOption, CommandHelp } from './help.ts';

/** A command main.ts implements, as listed by `regelwerk help`. */
export interface BuiltinCommand {
  name: string;
  synopsis: [de: string, en: string];
  summary: [de: string, en: string];
  help: CommandHelp;
}

const PROJECT_ARG: CliOption = { flag: '', arg: ['<projekt>', '<project>'], de: 'Projektdatei (*.regelwerk.json)', en: 'Project file (*.regelwerk.json)' };

function builtin(name: string, synopsis: [string, string], summary: [string, string], options: CliOption[], longSummary = summary): BuiltinCommand {
  return { name, synopsis, summary, help: { usage: synopsis, summary: longSummary, args: [PROJECT_ARG], options } };
}

/** The built-in commands in the order `regelwerk help` lists them. */
export const BUILTIN_COMMANDS: BuiltinCommand[] = [
  builtin('flows', ['flows <projekt>', 'flows <project>'], ['Flüsse auflisten (id, Szenario, Titel, Quelle, Ziel; Tab-getrennt)', 'List the flows (id, scenario, title, source, target; tab-separated)'], []),
  builtin(
    'compile',
    ['compile <projekt> [--flow ID] [--out DIR]', 'compile <project> [--flow ID] [--out DIR]'],
    ['Regeln als XSLT 3.0 schreiben (eine .xsl je Fluss)', 'Write the rules as XSLT 3.0 (one .xsl per flow)'],
    [
      { flag: '--flow', arg: ['ID', 'ID'], de: 'Nur die Regel dieses Flusses (sonst alle)', en: "Only this flow's rule (else all)" },
      { flag: '--out', arg: ['DIR', 'DIR'], de: 'Zielordner, wird angelegt (Vorgabe: aktueller Ordner)', en: 'Output folder, created if needed (default: current folder)' },
    ],
    [
      'Regeln als XSLT 3.0 schreiben (eine .xsl je Fluss, Name <fluss-id>.xsl) und die Dateinamen ausgeben; Befunde auf stderr, Status 1 bei einem Fehler.',
      'Write the rules as XSLT 3.0 (one .xsl per flow, named <flow-id>.xsl) and print the file names; findings on stderr, exit status 1 on an error.',
    ],
  ),
  builtin(
    'run',
    ['run <projekt> --flow ID --input DATEI', 'run <project> --flow ID --input FILE'],
    ['Regel anwenden, Ausgabe auf stdout, gegen das Ziel-XSD prüfen', 'Apply a rule, output on stdout, check it against the target XSD'],
    [
      { flag: '--flow', arg: ['ID', 'ID'], de: 'Fluss, dessen Regel angewendet wird (Pflicht)', en: 'Flow whose rule is applied (required)' },
      { flag: '--input', arg: ['DATEI', 'FILE'], de: 'Eingangsnachricht (Pflicht)', en: 'Input message (required)' },
    ],
  ),
  builtin(
    'test',
    ['test <projekt> [--flow ID]', 'test <project> [--flow ID]'],
    ['Alle Testfälle ausführen; letzte Zeile "N passed, N failed"', 'Run all test cases; last line "N passed, N failed"'],
    [{ flag: '--flow', arg: ['ID', 'ID'], de: 'Nur die Testfälle dieses Flusses', en: "Only this flow's test cases" }],
    [
      'Alle Testfälle ausführen, eine Zeile PASS/FAIL je Test; letzte Zeile "N passed, N failed"; Status 1, wenn ein Test scheitert.',
      'Run all test cases, one PASS/FAIL line per test; last line "N passed, N failed"; exit status 1 when a test fails.',
    ],
  ),
  { name: 'schema', synopsis: SCHEMA_HELP.usage, summary: ['Schema einlesen: Übersicht oder Pfadliste', 'Read a schema: summary or path list'], help: SCHEMA_HELP },
];
