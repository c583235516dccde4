/**
 * `regelwerk import-xslt <regel.xsl> --project P --flow ID [--dry-run]`: reads XSLT into the mapping of
 * a flow and writes the project file. Prints the report: rules imported, blocks kept raw (with their
 * lines). On a hard error (not XSLT, extension functions …) nothing is written and the exit status is 1.
 */
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { loadProject, saveProject } from '../../core/model/load.ts';
import { applyOp } from '../../core/model/ops.ts';
import { importXslt } from '../../core/xslt-import/index.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE = 'Aufruf: regelwerk import-xslt <regel.xsl> --project PROJEKT --flow ID [--dry-run]';

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
      if (value === undefined) return `Option ${v} braucht einen Wert.`;
      if (v === '--project') a.project = value;
      else a.flow = value;
    } else if (v === '--dry-run') a.dryRun = true;
    else if (v.startsWith('--')) return `Unbekannte Option "${v}".`;
    else if (a.xsl) return `Nur eine XSLT-Datei angeben ("${v}" ist zu viel).`;
    else a.xsl = v;
  }
  if (!a.xsl) return 'XSLT-Datei fehlt.';
  if (!a.project) return 'Option --project PROJEKT fehlt.';
  if (!a.flow) return 'Option --flow ID fehlt.';
  return a as Args;
}

function read(io: CliIo, path: string): string | Error {
  try {
    return io.readFile(path);
  } catch (e) {
    return new Error(`Kann ${path} nicht lesen: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'Datei nicht gefunden' : (e as Error).message}`);
  }
}

export const importXsltCommand: CliCommand = {
  name: 'import-xslt',
  synopsis: 'import-xslt <regel.xsl> --project P --flow ID',
  summary: 'XSLT in das Mapping eines Flusses einlesen (Rest bleibt als Rohblock erhalten)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parse(argv);
    if (typeof args === 'string') {
      io.err(`${args}\n${USAGE}`);
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
    if (!flow) return fail(io, `Fluss "${args.flow}" gibt es nicht. Vorhanden: ${project.flows.map((f) => f.id).join(', ')}`);

    const r = importXslt(xsl, { project, flow, file: args.xsl });
    if (!r.ok) {
      for (const d of r.report) io.err(formatDiagnostic(d));
      io.err(`Nichts importiert; ${args.project} bleibt unverändert.`);
      return 1;
    }
    for (const d of r.report) (d.severity === 'info' ? io.out : io.err)(formatDiagnostic(d));
    if (args.dryRun) {
      io.out(`Probelauf: ${args.project} nicht geschrieben.`);
      return 0;
    }
    const next = applyOp(project, { type: 'mapping.replace', flowId: flow.id, mapping: r.mapping });
    try {
      io.writeFile(args.project, saveProject(next));
    } catch (e) {
      return fail(io, `Kann ${args.project} nicht schreiben: ${(e as Error).message}`);
    }
    io.out(`${args.project}: Mapping von Fluss ${flow.id} ersetzt (${r.stats.rules} Regeln, ${r.stats.raw} Rohblöcke).`);
    return 0;
  },
};

function fail(io: CliIo, message: string): number {
  io.err(message);
  return 1;
}
