/**
 * Further `regelwerk` commands, one file each. Add a command by writing src/cli/commands/<name>.ts
 * that exports a CliCommand and listing it here. Texts are German and English: write synopsis and
 * summary as getters using m(de, en) from src/core/i18n.ts (the language is set after modules load),
 * and give `help` so `regelwerk <name> --help` lists every option.
 */
import type { CliIo } from '../io.ts';
import type { CommandHelp } from '../help.ts';
import { blueprintsCommand } from './blueprints.ts';
import { exportCommand } from './export.ts';
import { newCommand } from './new.ts';
import { transformCommand } from './transform.ts';
import { verifyCommand } from './verify.ts';
import { importXsltCommand } from './import-xslt.ts';

export interface CliCommand {
  name: string;
  /** e.g. "export <projekt> --out DATEI [--version X.Y.Z]", in the current message language. */
  synopsis: string;
  /** One line, in the current message language. */
  summary: string;
  /** What `regelwerk <name> --help` shows (main answers --help/-h before run is called). */
  help?: CommandHelp;
  /** Returns the exit status. Errors go to io.err. */
  run(argv: string[], io: CliIo): Promise<number>;
}

export const EXTRA_COMMANDS: CliCommand[] = [blueprintsCommand, newCommand, transformCommand, exportCommand, verifyCommand, importXsltCommand];
