/**
 * `regelwerk verify DATEI`: checks a rule-depot package: safe unpacking, every checksum, every rule
 * compiled again (SEF identical and loadable), every test run. One line per check; the last line is
 * "N passed, N failed"; exit status 1 on any failure.
 */
import { readFileSync } from 'node:fs';
import { createSefCompiler } from '../../core/depot/sef.ts';
import { verifyDepotPackage } from '../../core/depot/verify.ts';
import { createNodeEngine, nodeHostFactory } from '../../core/runner/saxon-node.ts';
import { m } from '../../core/i18n.ts';
import { cannotRead, unknownOption, usageLine } from '../help.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const KIND_LABEL = {
  package: ['Paket', 'Package'],
  checksum: ['Prüfsumme', 'Checksum'],
  compile: ['Regel', 'Rule'],
  test: ['Test', 'Test'],
} as const;

export const verifyCommand: CliCommand = {
  name: 'verify',
  get synopsis() {
    return m('verify DATEI', 'verify FILE');
  },
  get summary() {
    return m('Regeldepot-Paket prüfen; letzte Zeile "N passed, N failed"', 'Check a rule-depot package; last line "N passed, N failed"');
  },
  help: {
    usage: ['verify DATEI', 'verify FILE'],
    summary: [
      'Regeldepot-Paket prüfen: sicheres Entpacken, jede Prüfsumme, jede Regel neu übersetzt, jeder Test. Eine Zeile je Prüfung, letzte Zeile "N passed, N failed"; Status 1 bei einem Fehler.',
      'Check a rule-depot package: safe unpacking, every checksum, every rule compiled again, every test. One line per check, last line "N passed, N failed"; exit status 1 on any failure.',
    ],
    args: [{ flag: '', arg: ['DATEI', 'FILE'], de: 'Paketdatei (ZIP)', en: 'Package file (ZIP)' }],
    options: [],
  },
  async run(argv: string[], io: CliIo): Promise<number> {
    const files = argv.filter((a) => !a.startsWith('--'));
    const unknown = argv.find((a) => a.startsWith('--'));
    if (unknown || files.length !== 1) {
      io.err(`${unknown ? unknownOption(unknown) : m('Genau eine Paketdatei angeben.', 'Give exactly one package file.')}\n${usageLine('verify DATEI', 'verify FILE')}`);
      return 2;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(files[0]);
    } catch (e) {
      io.err(cannotRead(files[0], e));
      io.out('0 passed, 1 failed');
      return 1;
    }
    const engine = createNodeEngine();
    const sef = createSefCompiler(nodeHostFactory());
    try {
      const report = await verifyDepotPackage(bytes, {
        engine,
        sef,
        onCheck: (c) => {
          const [de, en] = KIND_LABEL[c.kind];
          const line = `${c.ok ? 'OK  ' : 'FAIL'}  ${m(de, en).padEnd(10)} ${c.subject}${c.message ? `  ${c.message}` : ''}`;
          io.out(line);
          // A refused package (zip bomb, unsafe path, no manifest) is also an error message.
          if (!c.ok && c.kind === 'package') io.err(`${files[0]}: ${c.message}`);
        },
      });
      io.out(`${report.passed} passed, ${report.failed} failed`);
      return report.failed ? 1 : 0;
    } finally {
      engine.dispose();
      sef.dispose();
    }
  },
};
