/**
 * `regelwerk` command line: flows, compile, run, test, schema. Everything goes through the same core
 * the UI uses. Errors go to stderr with a non-zero exit status.
 */
import { prepareInput } from '../core/runner/input.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkXPaths, compileProjectFlow, xpathTexts } from '../core/compiler/index.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { loadProject } from '../core/model/load.ts';
import type { Flow, Project } from '../core/model/project.ts';
import { prettyPrintXml, type XsltEngine } from '../core/runner/engine.ts';
import { createNodeEngine } from '../core/runner/saxon-node.ts';
import { runProjectTests } from '../core/runner/test-plan.ts';
import { BUILTIN_COMMANDS } from './builtin-help.ts';
import { EXTRA_COMMANDS } from './commands/index.ts';
import { schemaCommand } from './commands/schema.ts';
import { cannotRead, formatHelp, needsValue, noSuchFlow, transformError, unknownOption, wantsHelp } from './help.ts';
import type { CliIo } from './io.ts';
import { m, setMessageLang } from '../core/i18n.ts';

/** The command list (`regelwerk help`), in the current message language. */
function usage(): string {
  const commands = [...BUILTIN_COMMANDS.map((c) => ({ synopsis: m(...c.synopsis), summary: m(...c.summary) })), ...EXTRA_COMMANDS];
  // A synopsis too long for the column puts its summary on the next line.
  const line = (syn: string, sum: string) => (syn.length < 48 ? `  ${syn.padEnd(48)}${sum}\n` : `  ${syn}\n${' '.repeat(50)}${sum}\n`);
  return (
    `${m('Aufruf: regelwerk <Befehl> …', 'Usage: regelwerk <command> …')}\n\n${m('Befehle:', 'Commands:')}\n` +
    commands.map((c) => line(c.synopsis, c.summary)).join('') +
    '\n' +
    m('Hilfe zu einem Befehl: regelwerk <Befehl> --help\n', 'Help on a command: regelwerk <command> --help\n') +
    m('Sprache: Englisch, wenn LC_ALL (sonst LC_MESSAGES, sonst LANG) mit "en" beginnt.\n', 'Language: English when LC_ALL (else LC_MESSAGES, else LANG) starts with "en", else German.\n')
  );
}

/** The `--help` text of a command, or undefined for an unknown one. */
function commandHelp(name: string): string | undefined {
  const builtin = BUILTIN_COMMANDS.find((c) => c.name === name);
  if (builtin) return formatHelp(builtin.help);
  const extra = EXTRA_COMMANDS.find((c) => c.name === name);
  if (!extra) return undefined;
  // A command without its own help still answers --help with its synopsis and summary.
  return extra.help ? formatHelp(extra.help) : `${m('Aufruf', 'Usage')}: regelwerk ${extra.synopsis}\n\n${extra.summary}\n`;
}

function unknownCommand(cmd: string): string {
  return `${m(`Unbekannter Befehl "${cmd}".`, `Unknown command "${cmd}".`)}\n\n${usage()}`;
}

/** The process-backed io; it also sets the core's message language from the locale (English for en*, else German). */
export function nodeIo(): CliIo {
  // Here rather than in main(): tests call main() in-process with a fake io and expect German.
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  setMessageLang(locale.startsWith('en') ? 'en' : 'de');
  return {
    out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
    err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, c) => writeFileSync(p, c),
    mkdir: (p) => mkdirSync(p, { recursive: true }),
  };
}

/** A wrong call: the message, then the command's help (or the command list). */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

interface Parsed {
  positional: string[];
  options: Record<string, string | true>;
}

/**
 * The arguments of a built-in command: its valued options (`--flow ID`), at most `maxPositional`
 * positional arguments. Anything else (an unknown option, a stray argument) is a usage error: a typo such
 * as `--flwo a1` must not silently run every flow.
 */
function parseArgs(command: string, argv: string[], valued: string[], maxPositional = 1): Parsed {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a !== '-') {
      const name = a.replace(/^--?/, '');
      if (!a.startsWith('--') || !valued.includes(name)) throw new UsageError(unknownOption(a), command);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(needsValue(a), command);
      options[name] = v;
    } else if (positional.length < maxPositional) positional.push(a);
    else throw new UsageError(m(`Unerwartetes Argument "${a}".`, `Unexpected argument "${a}".`), command);
  }
  return { positional, options };
}

function readProject(io: CliIo, file: string | undefined, command: string): Project {
  if (!file) throw new UsageError(m('Projektdatei fehlt.', 'Project file is missing.'), command);
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new CliError(cannotRead(file, e));
  }
  const r = loadProject(text, file);
  if (!r.ok) throw new CliError(r.errors.map(formatDiagnostic).join('\n'));
  return r.project;
}

class CliError extends Error {}

function pickFlow(p: Project, id: string | true | undefined, command: string): Flow {
  if (typeof id !== 'string') throw new UsageError(m('Option --flow ID fehlt.', 'Option --flow ID is missing.'), command);
  const f = p.flows.find((x) => x.id === id);
  if (!f) throw new CliError(noSuchFlow(id, p.flows.map((x) => x.id)));
  return f;
}

function reportDiagnostics(io: CliIo, ds: Diagnostic[], flowId: string): boolean {
  for (const d of ds) io.err(`${flowId}: ${formatDiagnostic(d)}`);
  return ds.some((d) => d.severity === 'error');
}

/** Runs the CLI; returns the exit status. */
export async function main(argv: string[], io: CliIo, engineFactory: () => XsltEngine = createNodeEngine): Promise<number> {
  const [cmd, ...rest] = argv;
  // `regelwerk help <cmd>` and `regelwerk <cmd> --help|-h` show the command's own help.
  const helpFor = cmd === 'help' ? rest[0] : cmd && wantsHelp(rest) ? cmd : undefined;
  if (helpFor !== undefined) {
    const text = commandHelp(helpFor);
    if (text === undefined) {
      io.err(unknownCommand(helpFor));
      return 2;
    }
    io.out(text);
    return 0;
  }
  let engine: XsltEngine | undefined;
  try {
    switch (cmd) {
      case 'flows': {
        const p = readProject(io, parseArgs(cmd, rest, []).positional[0], cmd);
        const name = (id: string) => p.systems.find((s) => s.id === id)?.name ?? id;
        for (const f of p.flows) io.out([f.id, f.scenarioCode, f.title, name(f.from.systemId), name(f.to.systemId)].join('\t'));
        return 0;
      }
      case 'compile': {
        const a = parseArgs(cmd, rest, ['flow', 'out']);
        const p = readProject(io, a.positional[0], cmd);
        const flows = a.options.flow ? [pickFlow(p, a.options.flow, cmd)] : p.flows;
        const out = typeof a.options.out === 'string' ? a.options.out : '.';
        io.mkdir(out);
        let failed = false;
        for (const f of flows) {
          // Hand-written XPath is checked by SaxonJS first, so a broken expression is reported on its rule.
          const xpathErrors = xpathTexts(f).length ? await checkXPaths(f, (engine ??= engineFactory()), undefined, p.schemas) : undefined;
          const r = compileProjectFlow(p, f, { xpathErrors });
          if (reportDiagnostics(io, r.diagnostics, f.id) || !r.xslt) {
            failed = true;
            if (!r.xslt) continue;
          }
          const file = join(out, `${f.id}.xsl`);
          io.writeFile(file, r.xslt);
          io.out(file);
        }
        return failed ? 1 : 0;
      }
      case 'run': {
        const a = parseArgs(cmd, rest, ['flow', 'input']);
        const p = readProject(io, a.positional[0], cmd);
        const f = pickFlow(p, a.options.flow, cmd);
        if (typeof a.options.input !== 'string') throw new UsageError(m('Option --input DATEI fehlt.', 'Option --input FILE is missing.'), cmd);
        let input: string;
        try {
          input = io.readFile(a.options.input);
        } catch {
          throw new CliError(m(`Kann Eingabe ${a.options.input} nicht lesen.`, `Cannot read input ${a.options.input}.`));
        }
        const c = compileProjectFlow(p, f);
        if (reportDiagnostics(io, c.diagnostics, f.id) && !c.xslt) return 1;
        engine = engineFactory();
        const r = await engine.transform({ stylesheet: c.xslt, input: prepareInput(input) });
        if (!r.ok) {
          io.err(transformError(r.error, r.error.where === 'input' ? a.options.input : m('Regel', 'rule')));
          return 1;
        }
        const output = prettyPrintXml(r.output);
        io.out(output);
        // The output is checked against the target XSD too (libxml2-wasm, loaded only here).
        const { checkMessage, XsdValidation } = await import('../core/runner/validate.ts');
        const check = checkMessage(new XsdValidation(), p.schemas, f.target, output);
        if (check.note) io.err(`${f.id}: ${m('Hinweis', 'Note')}: ${check.note}`);
        for (const i of check.issues) {
          const where = `${m('Ausgabe', 'output')}${i.line ? `, ${m('Zeile', 'line')} ${i.line}` : ''}`;
          io.err(`${f.id}: ${where}: ${i.severity === 'error' ? m('ungültig', 'invalid') : m('Warnung', 'warning')}: ${i.message}`);
        }
        return check.issues.some((i) => i.severity === 'error') ? 1 : 0;
      }
      case 'test': {
        const a = parseArgs(cmd, rest, ['flow']);
        const p = readProject(io, a.positional[0], cmd);
        const flows = a.options.flow ? [pickFlow(p, a.options.flow, cmd)] : p.flows;
        engine = engineFactory();
        const results = await runProjectTests(p, flows, engine);
        let passed = 0;
        let failed = 0;
        for (const r of results) {
          if (r.pass) passed++;
          else failed++;
          io.out(`${r.pass ? 'PASS' : 'FAIL'}  ${r.flowId}/${r.testId}  ${r.name}  (${r.timeMs.toFixed(0)} ms)`);
          for (const d of r.details) io.out(`      ${d}`);
        }
        io.out(`${passed} passed, ${failed} failed`);
        return failed ? 1 : 0;
      }
      case 'schema':
        return await schemaCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage());
        return cmd ? 0 : 2;
      default: {
        const extra = EXTRA_COMMANDS.find((c) => c.name === cmd);
        if (extra) return await extra.run(rest, io);
        io.err(unknownCommand(cmd));
        return 2;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${(e.command && commandHelp(e.command)) || usage()}`);
      return 2;
    }
    if (e instanceof CliError) {
      io.err(e.message);
      return 1;
    }
    io.err(`${m('Interner Fehler', 'Internal error')}: ${(e as Error).stack ?? e}`);
    return 3;
  } finally {
    engine?.dispose?.();
  }
}
