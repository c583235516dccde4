/**
 * `regelwerk transform --xsl FILE --input FILE [--timeout MS] [--param NAME=WERT]… [--pretty]`: runs any
 * XSLT 3.0 stylesheet on a message in the same sandbox as the rules of a project (no file or network
 * access, no result documents, a time limit after which the worker is stopped). Output on stdout.
 */
import { DEFAULT_TIMEOUT_MS, prettyPrintXml } from '../../core/runner/engine.ts';
import { createNodeEngine } from '../../core/runner/saxon-node.ts';
import { m } from '../../core/i18n.ts';
import { cannotRead, missingOption, needsValue, transformError, unknownOption, usageLine, type CommandHelp } from '../help.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE: [string, string] = [
  'transform --xsl DATEI --input DATEI [--timeout MS] [--param NAME=WERT]… [--pretty]',
  'transform --xsl FILE --input FILE [--timeout MS] [--param NAME=VALUE]… [--pretty]',
];

const HELP: CommandHelp = {
  usage: USAGE,
  summary: [
    'Ein beliebiges XSLT-3.0-Stylesheet in derselben Sandbox wie die Regeln eines Projekts ausführen (kein Datei- oder Netzzugriff, keine Ergebnisdokumente, Zeitlimit). Ausgabe auf stdout.',
    "Run any XSLT 3.0 stylesheet in the same sandbox as a project's rules (no file or network access, no result documents, a time limit). Output on stdout.",
  ],
  options: [
    { flag: '--xsl', arg: ['DATEI', 'FILE'], de: 'Stylesheet (Pflicht)', en: 'Stylesheet (required)' },
    { flag: '--input', arg: ['DATEI', 'FILE'], de: 'Eingangsnachricht (Pflicht)', en: 'Input message (required)' },
    { flag: '--timeout', arg: ['MS', 'MS'], de: `Zeitlimit in Millisekunden (Vorgabe ${DEFAULT_TIMEOUT_MS})`, en: `Time limit in milliseconds (default ${DEFAULT_TIMEOUT_MS})` },
    { flag: '--param', arg: ['NAME=WERT', 'NAME=VALUE'], de: 'Stylesheet-Parameter setzen (mehrfach möglich)', en: 'Set a stylesheet parameter (may be repeated)' },
    { flag: '--pretty', de: 'Ausgabe eingerückt schreiben', en: 'Indent the output' },
  ],
};

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
      if (v === undefined) throw new Error(needsValue(name));
      return v;
    };
    try {
      if (name === '--xsl') a.xsl = value();
      else if (name === '--input') a.input = value();
      else if (name === '--pretty') a.pretty = true;
      else if (name === '--timeout') {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) return m(`--timeout erwartet Millisekunden (ganze Zahl > 0), nicht "${v}".`, `--timeout expects milliseconds (a whole number > 0), not "${v}".`);
        a.timeoutMs = n;
      } else if (name === '--param') {
        const v = value();
        const k = v.indexOf('=');
        if (k < 1) return m(`--param erwartet NAME=WERT, nicht "${v}".`, `--param expects NAME=VALUE, not "${v}".`);
        a.params[v.slice(0, k)] = v.slice(k + 1);
      } else return unknownOption(name);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!a.xsl) return missingOption('--xsl', 'DATEI', 'FILE');
  if (!a.input) return missingOption('--input', 'DATEI', 'FILE');
  return a as Args;
}

function read(io: CliIo, file: string, what: string): string | undefined {
  try {
    return io.readFile(file);
  } catch (e) {
    io.err(cannotRead(`${what} ${file}`, e));
    return undefined;
  }
}

/** The transform command. */
export const transformCommand: CliCommand = {
  name: 'transform',
  get synopsis() {
    return m('transform --xsl DATEI --input DATEI [--timeout MS]', 'transform --xsl FILE --input FILE [--timeout MS]');
  },
  get summary() {
    return m('Beliebiges XSLT in der Sandbox ausführen (Zeitlimit, kein Datei-/Netzzugriff)', 'Run any XSLT in the sandbox (time limit, no file or network access)');
  },
  help: HELP,
  async run(argv, io) {
    const a = parse(argv);
    if (typeof a === 'string') {
      io.err(`${a}\n${usageLine(...USAGE)}`);
      return 2;
    }
    const stylesheet = read(io, a.xsl, m('Stylesheet', 'stylesheet'));
    const input = stylesheet === undefined ? undefined : read(io, a.input, m('Eingabe', 'input'));
    if (stylesheet === undefined || input === undefined) return 1;
    const engine = createNodeEngine({ timeoutMs: a.timeoutMs, eager: false, separateCompiler: false });
    try {
      const r = await engine.transform({ stylesheet, input, params: a.params, timeoutMs: a.timeoutMs });
      for (const msg of r.messages ?? []) io.err(`xsl:message: ${msg}`);
      if (!r.ok) {
        io.err(transformError(r.error, r.error.where === 'input' ? a.input : a.xsl));
        return 1;
      }
      io.out(a.pretty ? prettyPrintXml(r.output) : r.output);
      return 0;
    } finally {
      engine.dispose();
    }
  },
};
