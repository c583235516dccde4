/**
 * `regelwerk export <projekt> --out DATEI [--version X.Y.Z] [--created ZEIT]`: builds the rule-depot
 * package (ZIP) of a project. The same project and version give the same bytes: the creation time is
 * the project's release record of that version (else --created, else 1980-01-01T00:00:00Z).
 */
import { writeFileSync } from 'node:fs';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { buildDepotPackage } from '../../core/depot/build.ts';
import { createSefCompiler } from '../../core/depot/sef.ts';
import { loadProject } from '../../core/model/load.ts';
import { nodeHostFactory } from '../../core/runner/saxon-node.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE = 'Aufruf: regelwerk export <projekt> --out DATEI [--version X.Y.Z] [--created ZEIT]';

interface Args {
  project: string;
  out: string;
  version?: string;
  created?: string;
}

function parse(argv: string[]): Args | string {
  const a: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--out' || v === '--version' || v === '--created') {
      const value = argv[++i];
      if (value === undefined) return `Option ${v} braucht einen Wert.`;
      if (v === '--out') a.out = value;
      else if (v === '--version') a.version = value;
      else a.created = value;
    } else if (v.startsWith('--')) return `Unbekannte Option "${v}".`;
    else if (a.project) return `Nur eine Projektdatei angeben ("${v}" ist zu viel).`;
    else a.project = v;
  }
  if (!a.project) return 'Projektdatei fehlt.';
  if (!a.out) return 'Option --out DATEI fehlt.';
  return a as Args;
}

export const exportCommand: CliCommand = {
  name: 'export',
  synopsis: 'export <projekt> --out DATEI [--version X.Y.Z]',
  summary: 'Regeldepot-Paket (ZIP) bauen: Regeln, SEF, Schemas, Tests, Organisationen',
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parse(argv);
    if (typeof args === 'string') {
      io.err(`${args}\n${USAGE}`);
      return 2;
    }
    let text: string;
    try {
      text = io.readFile(args.project);
    } catch (e) {
      io.err(`Kann ${args.project} nicht lesen: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'Datei nicht gefunden' : (e as Error).message}`);
      return 1;
    }
    const loaded = loadProject(text, args.project);
    if (!loaded.ok) {
      io.err(loaded.errors.map(formatDiagnostic).join('\n'));
      return 1;
    }
    const project = loaded.project;
    const releases = project.depot?.releases ?? [];
    const version = args.version ?? releases[releases.length - 1]?.version ?? '1.0.0';
    const sef = createSefCompiler(nodeHostFactory());
    try {
      const r = await buildDepotPackage(project, { version, createdAt: args.created, sef });
      if (!r.ok) {
        io.err(`Paket nicht erstellt:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
        return 1;
      }
      try {
        writeFileSync(args.out, r.bytes);
      } catch (e) {
        io.err(`Kann ${args.out} nicht schreiben: ${(e as Error).message}`);
        return 1;
      }
      const m = r.manifest;
      if (r.createdAtSource === 'fallback') {
        io.err(`Hinweis: Version ${version} ist im Projekt nicht als Release vermerkt; Erstellungszeit ${m.createdAt} (fest, damit das Paket reproduzierbar ist; --created setzt sie).`);
      }
      io.out(args.out);
      io.out(`Paket ${m.packageId} ${m.version} (${m.createdAt}): ${m.rules.length} Regeln, ${m.tests.length} Tests, ${m.files.length + 1} Dateien, ${(r.bytes.length / 1024).toFixed(0)} KiB`);
      io.out(`SHA-256 ${r.sha256}`);
      return 0;
    } finally {
      sef.dispose();
    }
  },
};
