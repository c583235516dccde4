/** `regelwerk blueprints [--json]`: lists the project blueprints (id, systems, flows, title). */
import { listBlueprints } from '../../core/landscape/blueprints.ts';
import type { CliCommand } from './index.ts';

export const blueprintsCommand: CliCommand = {
  name: 'blueprints',
  synopsis: 'blueprints [--json]',
  summary: 'Vorlagen für neue Projekte auflisten (id, Systeme, Flüsse, Titel; Tab-getrennt)',
  async run(argv, io) {
    const unknown = argv.filter((a) => a !== '--json');
    if (unknown.length) {
      io.err(`Unbekanntes Argument "${unknown[0]}". Aufruf: regelwerk ${this.synopsis}`);
      return 2;
    }
    const list = listBlueprints();
    if (argv.includes('--json')) io.out(JSON.stringify(list, null, 2));
    else for (const b of list) io.out([b.id, `${b.systems} Systeme`, `${b.flows} Flüsse`, b.title.de + (b.acyclic ? ' (ohne Zyklen)' : '')].join('\t'));
    return 0;
  },
};
