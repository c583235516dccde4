/** `regelwerk new --blueprint ID --out FILE [--name NAME] [--id ID]`: writes a new project made from a blueprint. */
import { listBlueprints, projectFromBlueprint } from '../../core/landscape/blueprints.ts';
import { loadProject, saveProject } from '../../core/model/load.ts';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import type { CliCommand } from './index.ts';

const VALUED = ['blueprint', 'out', 'name', 'id'];

export const newCommand: CliCommand = {
  name: 'new',
  synopsis: 'new --blueprint ID --out DATEI [--name N]',
  summary: 'Neues Projekt aus einer Vorlage schreiben ([--id ID]; Vorlagen: regelwerk blueprints)',
  async run(argv, io) {
    const opts: Record<string, string> = {};
    for (let i = 0; i < argv.length; i++) {
      const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
      if (!name || !VALUED.includes(name)) {
        io.err(`Unbekanntes Argument "${argv[i]}". Aufruf: regelwerk ${this.synopsis}`);
        return 2;
      }
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) {
        io.err(`Option --${name} braucht einen Wert. Aufruf: regelwerk ${this.synopsis}`);
        return 2;
      }
      opts[name] = v;
    }
    const ids = listBlueprints().map((b) => b.id);
    if (!opts.blueprint || !opts.out) {
      io.err(`${!opts.blueprint ? 'Option --blueprint ID' : 'Option --out DATEI'} fehlt. Aufruf: regelwerk ${this.synopsis}\nVorlagen: ${ids.join(', ')}`);
      return 2;
    }
    const p = projectFromBlueprint(opts.blueprint, { projectId: opts.id, name: opts.name });
    if (!p) {
      io.err(`Vorlage "${opts.blueprint}" gibt es nicht. Vorhanden: ${ids.join(', ')}`);
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
      io.err(`Kann ${opts.out} nicht schreiben: ${(e as Error).message}`);
      return 1;
    }
    io.out(`${opts.out}: ${p.systems.length} Systeme, ${p.flows.length} Flüsse aus Vorlage "${p.landscape?.blueprintId}"`);
    return 0;
  },
};
