/**
 * `regelwerk transform --xsl FILE --input FILE [--timeout MS] [--param NAME=WERT]… [--pretty]`: runs any
 * XSLT 3.0 stylesheet on a message in the same sandbox as the rules of a project (no file or network
 * access, no result documents, a time limit after which the worker is stopped). Output on stdout.
 */
import { DEFAULT_TIMEOUT_MS, prettyPrintXml } from '../../core/runner/engine.ts';
import { createNodeEngine } from '../../core/runner/saxon-node.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE = 'Aufruf: regelwerk transform --xsl DATEI --input DATEI [--timeout MS] [--param NAME=WERT]… [--pretty]';

interface Args {
  xsl: string;
  input: string;
  timeoutMs: number;
  params: Record<string, string>;
  pretty: boolean;
}

function parse(argv: string[]): Args | string {
  const a: Partial<Args> & { params: Record<string, string> } = { params: {}, timeoutMs: DEFAULT_TIMEOUT_MS, pretty: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`Option ${name} braucht einen Wert.`);
      return v;
    };
    try {
      if (name === '--xsl') a.xsl = value();
      else if (name === '--input') a.input = value();
      else if (name === '--pretty') a.pretty = true;
      else if (name === '--timeout') {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) return `--timeout erwartet Millisekunden (ganze Zahl > 0), nicht "${v}".`;
        a.timeoutMs = n;
      } else if (name === '--param') {
        const v = value();
        const k = v.indexOf('=');
        if (k < 1) return `--param erwartet NAME=WERT, nicht "${v}".`;
        a.params[v.slice(0, k)] = v.slice(k + 1);
      } else return `Unbekannte Option "${name}".`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!a.xsl) return 'Option --xsl DATEI fehlt.';
  if (!a.input) return 'Option --input DATEI fehlt.';
  return a as Args;
}

function read(io: CliIo, file: string, what: string): string | undefined {
  try {
    return io.readFile(file);
  } catch (e) {
    io.err(`Kann ${what} ${file} nicht lesen: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'Datei nicht gefunden' : (e as Error).message}`);
    return undefined;
  }
}

/** The transform command. */
export const transformCommand: CliCommand = {
  name: 'transform',
  synopsis: 'transform --xsl DATEI --input DATEI [--timeout MS]',
  summary: 'Beliebiges XSLT in der Sandbox ausführen (Zeitlimit, kein Datei-/Netzzugriff)',
  async run(argv, io) {
    const a = parse(argv);
    if (typeof a === 'string') {
      io.err(`${a}\n${USAGE}`);
      return 2;
    }
    const stylesheet = read(io, a.xsl, 'Stylesheet');
    const input = stylesheet === undefined ? undefined : read(io, a.input, 'Eingabe');
    if (stylesheet === undefined || input === undefined) return 1;
    const engine = createNodeEngine({ timeoutMs: a.timeoutMs, eager: false, separateCompiler: false });
    try {
      const r = await engine.transform({ stylesheet, input, params: a.params, timeoutMs: a.timeoutMs });
      for (const m of r.messages ?? []) io.err(`xsl:message: ${m}`);
      if (!r.ok) {
        const e = r.error;
        const file = e.where === 'input' ? a.input : a.xsl;
        const where = e.line ? ` (${file}, Zeile ${e.line}${e.column ? `, Spalte ${e.column}` : ''})` : '';
        io.err(`Fehler${e.code ? ` ${e.code}` : ''}: ${e.message}${where}`);
        return 1;
      }
      io.out(a.pretty ? prettyPrintXml(r.output) : r.output);
      return 0;
    } finally {
      engine.dispose();
    }
  },
};
