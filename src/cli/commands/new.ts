/** `regelwerk new --blueprint ID --out FILE [--name NAME] [--id ID]`: writes a new project made from a blueprint. */
import { m } from '../../core/i18n.ts';
import { listBlueprints, projectFromBlueprint } from '../../core/landscape/blueprints.ts';
import { loadProject, saveProject } from '../../core/model/load.ts';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { cannotWrite, needsValue } from '../help.ts';
import type { CliCommand } from './index.ts';

const VALUED = ['blueprint', 'out', 'name', 'id'];

export const newCommand: CliCommand = {
  name: 'new',
  get synopsis() {
    return m('new --blueprint ID --out DATEI [--name N]', 'new --blueprint ID --out FILE [--name N]');
  },
  get summary() {
    return m('Neues Projekt aus einer Vorlage schreiben ([--id ID]; Vorlagen: regelwerk blueprints)', 'Write a new project made from a blueprint ([--id ID]; blueprints: regelwerk blueprints)');
  },
  help: {
    usage: ['new --blueprint ID --out DATEI [--name N] [--id ID]', 'new --blueprint ID --out FILE [--name N] [--id ID]'],
    summary: ['Neues Projekt aus einer Vorlage schreiben (Vorlagen: regelwerk blueprints).', 'Write a new project made from a blueprint (blueprints: regelwerk blueprints).'],
    options: [
      { flag: '--blueprint', arg: ['ID', 'ID'], de: 'Id der Vorlage (Pflicht)', en: 'Blueprint id (required)' },
      { flag: '--out', arg: ['DATEI', 'FILE'], de: 'Projektdatei, die geschrieben wird (Pflicht)', en: 'Project file to write (required)' },
      { flag: '--name', arg: ['N', 'N'], de: 'Name des Projekts (sonst der deutsche Titel der Vorlage)', en: "Project name (else the blueprint's German title)" },
      { flag: '--id', arg: ['ID', 'ID'], de: 'Id des Projekts (sonst die der Vorlage)', en: "Project id (else the blueprint's id)" },
    ],
  },
  async run(argv, io) {
    const usage = () => m(`Aufruf: regelwerk ${this.synopsis}`, `Usage: regelwerk ${this.synopsis}`);
    const opts: Record<string, string> = {};
    for (let i = 0; i < argv.length; i++) {
      const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
      if (!name || !VALUED.includes(name)) {
        io.err(`${m(`Unbekanntes Argument "${argv[i]}".`, `Unknown argument "${argv[i]}".`)} ${usage()}`);
        return 2;
      }
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) {
        io.err(`${needsValue(`--${name}`)} ${usage()}`);
        return 2;
      }
      opts[name] = v;
    }
    const ids = listBlueprints().map((b) => b.id);
    if (!opts.blueprint || !opts.out) {
      const missing = !opts.blueprint ? 'Option --blueprint ID' : m('Option --out DATEI', 'Option --out FILE');
      io.err(`${m(`${missing} fehlt.`, `${missing} is missing.`)} ${usage()}\n${m('Vorlagen', 'Blueprints')}: ${ids.join(', ')}`);
      return 2;
    }
    const p = projectFromBlueprint(opts.blueprint, { projectId: opts.id, name: opts.name });
    if (!p) {
      io.err(m(`Vorlage "${opts.blueprint}" gibt es nicht. Vorhanden: ${ids.join(', ')}`, `There is no blueprint "${opts.blueprint}". Available: ${ids.join(', ')}`));
      return 1;
    }
    const text = saveProject(p);
    // The file must open again exactly as written: check it with the same loader the app uses.
    const back = loadProject(text, opts.out);
    if (!back.ok) {
      io.err(back.errors.map(formatDiagnostic).join('\n'));
      return 3;
    }
    try {
      io.writeFile(opts.out, text);
    } catch (e) {
      io.err(cannotWrite(opts.out, e));
      return 1;
    }
    const bp = p.landscape?.blueprintId;
    io.out(m(`${opts.out}: ${p.systems.length} Systeme, ${p.flows.length} Flüsse aus Vorlage "${bp}"`, `${opts.out}: ${p.systems.length} systems, ${p.flows.length} flows from blueprint "${bp}"`));
    return 0;
  },
};
