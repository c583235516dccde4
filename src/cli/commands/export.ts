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
import { m } from '../../core/i18n.ts';
import { cannotRead, cannotWrite, missingOption, needsValue, unknownOption, usageLine, type CommandHelp } from '../help.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE: [string, string] = ['export <projekt> --out DATEI [--version X.Y.Z] [--created ZEIT]', 'export <project> --out FILE [--version X.Y.Z] [--created TIME]'];

const HELP: CommandHelp = {
  usage: USAGE,
  summary: [
    'Regeldepot-Paket (ZIP) bauen: Regeln, SEF, Schemas, Tests, Organisationen. Gleiches Projekt und gleiche Version ergeben dieselben Bytes.',
    'Build the rule-depot package (ZIP): rules, SEF, schemas, tests, organisations. The same project and version give the same bytes.',
  ],
  args: [{ flag: '', arg: ['<projekt>', '<project>'], de: 'Projektdatei (*.regelwerk.json)', en: 'Project file (*.regelwerk.json)' }],
  options: [
    { flag: '--out', arg: ['DATEI', 'FILE'], de: 'ZIP-Datei, die geschrieben wird (Pflicht)', en: 'ZIP file to write (required)' },
    { flag: '--version', arg: ['X.Y.Z', 'X.Y.Z'], de: 'Version des Pakets (sonst das letzte Release des Projekts, sonst 1.0.0)', en: "Package version (else the project's last release, else 1.0.0)" },
    { flag: '--created', arg: ['ZEIT', 'TIME'], de: 'Erstellungszeit (ISO 8601; sonst die des Releases dieser Version im Projekt, sonst 1980-01-01T00:00:00Z)', en: "Creation time (ISO 8601; else that of the project's release of this version, else 1980-01-01T00:00:00Z)" },
  ],
};

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
      if (value === undefined) return needsValue(v);
      if (v === '--out') a.out = value;
      else if (v === '--version') a.version = value;
      else a.created = value;
    } else if (v.startsWith('--')) return unknownOption(v);
    else if (a.project) return m(`Nur eine Projektdatei angeben ("${v}" ist zu viel).`, `Give only one project file ("${v}" is one too many).`);
    else a.project = v;
  }
  if (!a.project) return m('Projektdatei fehlt.', 'Project file is missing.');
  if (!a.out) return missingOption('--out', 'DATEI', 'FILE');
  return a as Args;
}

export const exportCommand: CliCommand = {
  name: 'export',
  get synopsis() {
    return m('export <projekt> --out DATEI [--version X.Y.Z]', 'export <project> --out FILE [--version X.Y.Z]');
  },
  get summary() {
    return m('Regeldepot-Paket (ZIP) bauen: Regeln, SEF, Schemas, Tests, Organisationen', 'Build the rule-depot package (ZIP): rules, SEF, schemas, tests, organisations');
  },
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const args = parse(argv);
    if (typeof args === 'string') {
      io.err(`${args}\n${usageLine(...USAGE)}`);
      return 2;
    }
    let text: string;
    try {
      text = io.readFile(args.project);
    } catch (e) {
      io.err(cannotRead(args.project, e));
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
        io.err(`${m('Paket nicht erstellt', 'Package not built')}:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
        return 1;
      }
      try {
        writeFileSync(args.out, r.bytes);
      } catch (e) {
        io.err(cannotWrite(args.out, e));
        return 1;
      }
      const mf = r.manifest;
      if (r.createdAtSource === 'fallback') {
        io.err(
          m(
            `Hinweis: Version ${version} ist im Projekt nicht als Release vermerkt; Erstellungszeit ${mf.createdAt} (fest, damit das Paket reproduzierbar ist; --created setzt sie).`,
            `Note: version ${version} is not recorded as a release in the project; creation time ${mf.createdAt} (fixed so the package is reproducible; --created sets it).`,
          ),
        );
      }
      io.out(args.out);
      const kib = (r.bytes.length / 1024).toFixed(0);
      io.out(
        m(
          `Paket ${mf.packageId} ${mf.version} (${mf.createdAt}): ${mf.rules.length} Regeln, ${mf.tests.length} Tests, ${mf.files.length + 1} Dateien, ${kib} KiB`,
          `Package ${mf.packageId} ${mf.version} (${mf.createdAt}): ${mf.rules.length} rules, ${mf.tests.length} tests, ${mf.files.length + 1} files, ${kib} KiB`,
        ),
      );
      io.out(`SHA-256 ${r.sha256}`);
      return 0;
    } finally {
      sef.dispose();
    }
  },
};
