/**
 * `regelwerk verify DATEI`: checks a rule-depot package: safe unpacking, every checksum, every rule
 * compiled again (SEF identical and loadable), every test run. One line per check; the last line is
 * "N passed, N failed"; exit status 1 on any failure.
 */
import { readFileSync } from 'node:fs';
import { createSefCompiler } from '../../core/depot/sef.ts';
import { verifyDepotPackage } from '../../core/depot/verify.ts';
import { createNodeEngine, nodeHostFactory } from '../../core/runner/saxon-node.ts';
import type { CliIo } from '../io.ts';
import type { CliCommand } from './index.ts';

const USAGE = 'Aufruf: regelwerk verify DATEI';

const KIND_LABEL = { package: 'Paket', checksum: 'Prüfsumme', compile: 'Regel', test: 'Test' } as const;

export const verifyCommand: CliCommand = {
  name: 'verify',
  synopsis: 'verify DATEI',
  summary: 'Regeldepot-Paket prüfen; letzte Zeile "N passed, N failed"',
  async run(argv: string[], io: CliIo): Promise<number> {
    const files = argv.filter((a) => !a.startsWith('--'));
    const unknown = argv.find((a) => a.startsWith('--'));
    if (unknown || files.length !== 1) {
      io.err(`${unknown ? `Unbekannte Option "${unknown}".` : 'Genau eine Paketdatei angeben.'}\n${USAGE}`);
      return 2;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(files[0]);
    } catch (e) {
      io.err(`Kann ${files[0]} nicht lesen: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'Datei nicht gefunden' : (e as Error).message}`);
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
          const line = `${c.ok ? 'OK  ' : 'FAIL'}  ${KIND_LABEL[c.kind].padEnd(10)} ${c.subject}${c.message ? `  ${c.message}` : ''}`;
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
