/**
 * Further `regelwerk` commands, one file each. Add a command by writing src/cli/commands/<name>.ts
 * that exports a CliCommand and listing it here.
 */
import type { CliIo } from '../io.ts';

export interface CliCommand {
  name: string;
  /** e.g. "export <projekt> --out DATEI [--version X.Y.Z]" */
  synopsis: string;
  /** One line, German. */
  summary: string;
  /** Returns the exit status. Errors go to io.err. */
  run(argv: string[], io: CliIo): Promise<number>;
}

export const EXTRA_COMMANDS: CliCommand[] = [];
