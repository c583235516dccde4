/**
 * The CLI's own texts in German and English: the per-command `--help` layout and the phrases several
 * commands share. Everything here is a function, not a constant, because the language is set from the
 * locale only after the modules are loaded (see nodeIo in main.ts).
 */
import { m } from '../core/i18n.ts';

/** One option (or positional argument) of a command, for its `--help`. */
export interface CliOption {
  /** As typed: "--out" or "-h, --help"; empty for a positional argument (then `arg` names it). */
  flag: string;
  /** The value placeholder (or positional name), German and English, e.g. ['DATEI', 'FILE']. */
  arg?: [de: string, en: string];
  de: string;
  en: string;
}

/** What `--help` shows for a command. */
export interface CommandHelp {
  /** The full usage line without "Aufruf: regelwerk ", German and English. */
  usage: [de: string, en: string];
  summary: [de: string, en: string];
  args?: CliOption[];
  options: CliOption[];
}

const HELP_OPTION: CliOption = { flag: '-h, --help', de: 'Diese Hilfe zeigen', en: 'Show this help' };

/** "Aufruf: regelwerk …" / "Usage: regelwerk …" for a usage line given without the prefix. */
export function usageLine(de: string, en: string): string {
  return `${m('Aufruf', 'Usage')}: regelwerk ${m(de, en)}`;
}

/** The `--help` text of a command: usage, summary, arguments and options (always with -h, --help). */
export function formatHelp(h: CommandHelp): string {
  const row = (o: CliOption): [string, string] => [[o.flag, o.arg && m(...o.arg)].filter(Boolean).join(' '), m(o.de, o.en)];
  const args = (h.args ?? []).map(row);
  const options = [...h.options, HELP_OPTION].map(row);
  const width = Math.max(...[...args, ...options].map(([f]) => f.length)) + 2;
  const table = (rows: [string, string][]) => rows.map(([f, t]) => `  ${f.padEnd(width)}${t}`).join('\n');
  const parts = [usageLine(...h.usage), m(...h.summary)];
  if (args.length) parts.push(`${m('Argumente', 'Arguments')}:\n${table(args)}`);
  parts.push(`${m('Optionen', 'Options')}:\n${table(options)}`);
  return parts.join('\n\n') + '\n';
}

/** True when the arguments ask for help (`--help` or `-h` anywhere). */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** "Kann X nicht lesen: Datei nicht gefunden" (or the system's reason). */
export function cannotRead(what: string, e: unknown): string {
  const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? m('Datei nicht gefunden', 'file not found') : (e as Error).message;
  return m(`Kann ${what} nicht lesen: ${reason}`, `Cannot read ${what}: ${reason}`);
}

/** "Kann X nicht schreiben: …". */
export function cannotWrite(what: string, e: unknown): string {
  return m(`Kann ${what} nicht schreiben: ${(e as Error).message}`, `Cannot write ${what}: ${(e as Error).message}`);
}

/** "Option --x braucht einen Wert." */
export function needsValue(option: string): string {
  return m(`Option ${option} braucht einen Wert.`, `Option ${option} needs a value.`);
}

/** "Option --x FOO fehlt." for a missing required option (placeholder German and English). */
export function missingOption(option: string, argDe: string, argEn: string): string {
  return m(`Option ${option} ${argDe} fehlt.`, `Option ${option} ${argEn} is missing.`);
}

/** `Unbekannte Option "--x".` */
export function unknownOption(option: string): string {
  return m(`Unbekannte Option "${option}".`, `Unknown option "${option}".`);
}

/** `Fluss "x" gibt es nicht. Vorhanden: a, b` */
export function noSuchFlow(id: string, existing: string[]): string {
  return m(`Fluss "${id}" gibt es nicht. Vorhanden: ${existing.join(', ')}`, `There is no flow "${id}". Available: ${existing.join(', ')}`);
}

/** "Fehler CODE: message (file, Zeile 3, Spalte 4)" for a failed transformation. */
export function transformError(e: { code?: string; message: string; line?: number; column?: number }, file: string): string {
  const where = e.line ? ` (${file}, ${m('Zeile', 'line')} ${e.line}${e.column ? `, ${m('Spalte', 'column')} ${e.column}` : ''})` : '';
  return `${m('Fehler', 'Error')}${e.code ? ` ${e.code}` : ''}: ${e.message}${where}`;
}
