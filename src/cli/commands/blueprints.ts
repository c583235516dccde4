/** `regelwerk blueprints [--json]`: lists the project blueprints (id, systems, flows, title). */
import { m } from '../../core/i18n.ts';
import { listBlueprints } from '../../core/landscape/blueprints.ts';
import type { CliCommand } from './index.ts';

export const blueprintsCommand: CliCommand = {
  name: 'blueprints',
  synopsis: 'blueprints [--json]',
  get summary() {
    return m('Vorlagen für neue Projekte auflisten (id, Systeme, Flüsse, Titel; Tab-getrennt)', 'List the blueprints for new projects (id, systems, flows, title; tab-separated)');
  },
  help: {
    usage: ['blueprints [--json]', 'blueprints [--json]'],
    summary: ['Vorlagen für neue Projekte auflisten (id, Systeme, Flüsse, Titel; Tab-getrennt).', 'List the blueprints for new projects (id, systems, flows, title; tab-separated).'],
    options: [{ flag: '--json', de: 'Als JSON ausgeben (mit Titel und Beschreibung in beiden Sprachen)', en: 'Print as JSON (with title and description in both languages)' }],
  },
  async run(argv, io) {
    const unknown = argv.filter((a) => a !== '--json');
    if (unknown.length) {
      io.err(m(`Unbekanntes Argument "${unknown[0]}". Aufruf: regelwerk ${this.synopsis}`, `Unknown argument "${unknown[0]}". Usage: regelwerk ${this.synopsis}`));
      return 2;
    }
    const list = listBlueprints();
    if (argv.includes('--json')) io.out(JSON.stringify(list, null, 2));
    else
      for (const b of list)
        io.out([b.id, m(`${b.systems} Systeme`, `${b.systems} systems`), m(`${b.flows} Flüsse`, `${b.flows} flows`), m(b.title.de, b.title.en) + (b.acyclic ? m(' (ohne Zyklen)', ' (no cycles)') : '')].join('\t'));
    return 0;
  },
};
