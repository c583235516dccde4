/**
 * `regelwerk import-xslt <regel.xsl> --project P --flow ID [--dry-run]`: reads XSLT into the mapping of
 * a flow and writes the project file. Prints the report: rules imported, blocks kept raw (with their
 * lines). On a hard error (not XSLT, extension functions …) nothing is written and the exit status is 1.
 */
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { loadProject, saveProject } from '../../core/model/load.ts';
import { applyOp } from '../../core/model/ops.ts';
import { importXslt } from '../../core/xslt-import/index.ts';
import { m } from '../../core/i18n.ts';
import { cannotRead, cannotWrite, missingOption, needsValue, noSuchFlow, unknownOption, usageLine, type CommandHelp } from '../help.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE: [string, string] = ['import-xslt <regel.xsl> --project PROJEKT --flow ID [--dry-run]', 'import-xslt <rule.xsl> --project PROJECT --flow ID [--dry-run]'];

const HELP: CommandHelp = {
  usage: USAGE,
  summary: [
    'XSLT in das Mapping eines Flusses einlesen und die Projektdatei schreiben; was sich nicht abbilden lässt, bleibt als Rohblock erhalten. Bei einem harten Fehler wird nichts geschrieben (Status 1).',
    "Read XSLT into a flow's mapping and write the project file; what cannot be modelled is kept as a raw block. On a hard error nothing is written (exit status 1).",
  ],
  args: [{ flag: '', arg: ['<regel.xsl>', '<rule.xsl>'], de: 'XSLT-Datei', en: 'XSLT file' }],
  options: [
    { flag: '--project', arg: ['PROJEKT', 'PROJECT'], de: 'Projektdatei, die gelesen und geschrieben wird (Pflicht)', en: 'Project file to read and write (required)' },
    { flag: '--flow', arg: ['ID', 'ID'], de: 'Fluss, dessen Mapping ersetzt wird (Pflicht)', en: 'Flow whose mapping is replaced (required)' },
    { flag: '--dry-run', de: 'Nur berichten, nichts schreiben', en: 'Report only, write nothing' },
  ],
};

interface Args {
  xsl: string;
  project: string;
  flow: string;
  dryRun: boolean;
}

function parse(argv: string[]): Args | string {
  const a: Partial<Args> = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--project' || v === '--flow') {
      const value = argv[++i];
      if (value === undefined) return needsValue(v);
      if (v === '--project') a.project = value;
      else a.flow = value;
    } else if (v === '--dry-run') a.dryRun = true;
    else if (v.startsWith('--')) return unknownOption(v);
    else if (a.xsl) return m(`Nur eine XSLT-Datei angeben ("${v}" ist zu viel).`, `Give only one XSLT file ("${v}" is one too many).`);
    else a.xsl = v;
  }
  if (!a.xsl) return m('XSLT-Datei fehlt.', 'XSLT file is missing.');
  if (!a.project) return missingOption('--project', 'PROJEKT', 'PROJECT');
  if (!a.flow) return missingOption('--flow', 'ID', 'ID');
  return a as Args;
}

function read(io: CliIo, path: string): string | Error {
  try {
    return io.readFile(path);
  } catch (e) {
    return new Error(cannotRead(path, e));
  }
}

export const importXsltCommand: CliCommand = {
  name: 'import-xslt',
  get synopsis() {
    return m('import-xslt <regel.xsl> --project P --flow ID', 'import-xslt <rule.xsl> --project P --flow ID');
  },
  get summary() {
    return m('XSLT in das Mapping eines Flusses einlesen (Rest bleibt als Rohblock erhalten)', "Read XSLT into a flow's mapping (the rest is kept as a raw block)");
  },
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parse(argv);
    if (typeof args === 'string') {
      io.err(`${args}\n${usageLine(...USAGE)}`);
      return 2;
    }
    const xsl = read(io, args.xsl);
    if (xsl instanceof Error) return fail(io, xsl.message);
    const projectText = read(io, args.project);
    if (projectText instanceof Error) return fail(io, projectText.message);
    const loaded = loadProject(projectText, args.project);
    if (!loaded.ok) return fail(io, loaded.errors.map(formatDiagnostic).join('\n'));
    const project = loaded.project;
    const flow = project.flows.find((f) => f.id === args.flow);
    if (!flow) return fail(io, noSuchFlow(args.flow, project.flows.map((f) => f.id)));

    const r = importXslt(xsl, { project, flow, file: args.xsl });
    if (!r.ok) {
      for (const d of r.report) io.err(formatDiagnostic(d));
      io.err(m(`Nichts importiert; ${args.project} bleibt unverändert.`, `Nothing imported; ${args.project} is left unchanged.`));
      return 1;
    }
    for (const d of r.report) (d.severity === 'info' ? io.out : io.err)(formatDiagnostic(d));
    if (args.dryRun) {
      io.out(m(`Probelauf: ${args.project} nicht geschrieben.`, `Dry run: ${args.project} not written.`));
      return 0;
    }
    const next = applyOp(project, { type: 'mapping.replace', flowId: flow.id, mapping: r.mapping });
    try {
      io.writeFile(args.project, saveProject(next));
    } catch (e) {
      return fail(io, cannotWrite(args.project, e));
    }
    const { rules, raw } = r.stats;
    io.out(m(`${args.project}: Mapping von Fluss ${flow.id} ersetzt (${rules} Regeln, ${raw} Rohblöcke).`, `${args.project}: mapping of flow ${flow.id} replaced (${rules} rules, ${raw} raw blocks).`));
    return 0;
  },
};

function fail(io: CliIo, message: string): number {
  io.err(message);
  return 1;
}
