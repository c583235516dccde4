/**
 * Further `regelwerk` commands, one file each. Add a command by writing src/cli/commands/<name>.ts
 * that exports a CliCommand and listing it here.
 */
import type { CliIo } from '../io.ts';
import { blueprintsCommand } from './blueprints.ts';
import { exportCommand } from './export.ts';
import { newCommand } from './new.ts';
import { transformCommand } from './transform.ts';
import { verifyCommand } from './verify.ts';
import { importXsltCommand } from './import-xslt.ts';

export interface CliCommand {
  name: string;
  /** e.g. "export <projekt> --out DATEI [--version X.Y.Z]" */
  synopsis: string;
  /** One line, German. */
  summary: string;
  /** Returns the exit status. Errors go to io.err. */
  run(argv: string[], io: CliIo): Promise<number>;
}

export const EXTRA_COMMANDS: CliCommand[] = [blueprintsCommand, newCommand, transformCommand, exportCommand, verifyCommand, importXsltCommand];
