/** The CLI's window on the process, passed in so commands are testable without spawning. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
  mkdir(path: string): void;
}
