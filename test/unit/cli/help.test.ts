/** The CLI's own texts (help, usage, its errors) in German and English, and every command's --help. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { setMessageLang, type MessageLang } from '../../../src/core/i18n.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const PROJECT = join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json');

/** Runs the real binary with only the given locale variables. */
function cli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LC_ALL|LC_MESSAGES|LANGUAGE)$/.test(k)));
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/regelwerk.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...clean, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs main() in-process in the given language with a captured io. */
async function run(lang: MessageLang, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  setMessageLang(lang);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (s) => void (stdout += s.endsWith('\n') ? s : s + '\n'),
    err: (s) => void (stderr += s.endsWith('\n') ? s : s + '\n'),
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: () => {
      throw new Error('nothing may be written in this test');
    },
    mkdir: () => {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

afterEach(() => setMessageLang('de'));

/**
 * The options each command's parser accepts, read off the parsers in src/cli (main.ts and commands/*.ts).
 * Kept here by hand on purpose: the test checks the help against what the code does, not against itself.
 */
const OPTIONS: Record<string, string[]> = {
  flows: [],
  compile: ['--flow', '--out'],
  run: ['--flow', '--input'],
  test: ['--flow'],
  schema: ['--kind', '--root', '--paths', '--max-depth', '--json'],
  blueprints: ['--json'],
  new: ['--blueprint', '--out', '--name', '--id'],
  transform: ['--xsl', '--input', '--timeout', '--param', '--pretty'],
  export: ['--out', '--version', '--created'],
  verify: [],
  'import-xslt': ['--project', '--flow', '--dry-run'],
};

/** A value each valued option accepts (flags without a value are absent). */
const VALUE: Record<string, string> = {
  '--flow': 'f',
  '--out': 'o',
  '--input': 'i',
  '--kind': 'xsd',
  '--root': 'r',
  '--max-depth': '2',
  '--blueprint': 'b',
  '--name': 'n',
  '--id': 'x',
  '--xsl': 'x.xsl',
  '--timeout': '100',
  '--param': 'a=b',
  '--version': '1.0.0',
  '--created': '2024-01-01T00:00:00Z',
  '--project': 'p',
};

/** The options named in the "Optionen:"/"Options:" section of a help text. */
function helpOptions(help: string): string[] {
  const section = help.split(/^(?:Optionen|Options):$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((x) => x[1]);
}

/** The command names listed by `regelwerk help`. */
function listedCommands(usage: string): string[] {
  const section = usage.split(/^(?:Befehle|Commands):$/m)[1].split('\n\n')[0];
  return [...section.matchAll(/^ {2}([a-z-]+)/gm)].map((x) => x[1]);
}

describe('regelwerk --help through the binary', () => {
  it('is German by default', () => {
    const r = cli(['--help'], { LANG: 'de_DE.UTF-8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Aufruf: regelwerk <Befehl> …\n\nBefehle:\n/);
    expect(r.stdout).toContain('  flows <projekt>                                 Flüsse auflisten (id, Szenario, Titel, Quelle, Ziel; Tab-getrennt)\n');
    expect(r.stdout).toContain('Hilfe zu einem Befehl: regelwerk <Befehl> --help');
    expect(r.stdout).not.toMatch(/Usage|Commands/);
    // No locale at all is German too.
    expect(cli(['-h'], { LANG: 'C.UTF-8' }).stdout).toBe(r.stdout);
  }, 60_000);

  it('is English when LANG (or LC_ALL) starts with en', () => {
    const r = cli(['--help'], { LANG: 'en_US.UTF-8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: regelwerk <command> …\n\nCommands:\n/);
    expect(r.stdout).toContain('  flows <project>                                 List the flows (id, scenario, title, source, target; tab-separated)\n');
    expect(r.stdout).toContain('  export <project> --out FILE [--version X.Y.Z]   Build the rule-depot package (ZIP)');
    expect(r.stdout).toContain('Help on a command: regelwerk <command> --help');
    expect(r.stdout).not.toMatch(/[äöüßÄÖÜ]|Aufruf|Befehl/);
    expect(cli(['help'], { LANG: 'de_DE.UTF-8', LC_ALL: 'en_GB.UTF-8' }).stdout).toBe(r.stdout);
  }, 60_000);

  it('a usage error of a command: German or English on stderr, exit 2, nothing on stdout', () => {
    const de = cli(['run', PROJECT, '--flow', 'a1-gewerberegister'], { LANG: 'de_DE.UTF-8' });
    expect(de.status).toBe(2);
    expect(de.stdout).toBe('');
    expect(de.stderr).toMatch(/^Option --input DATEI fehlt\.\n\nAufruf: regelwerk run <projekt> --flow ID --input DATEI/);
    const en = cli(['run', PROJECT, '--flow', 'a1-gewerberegister'], { LANG: 'en_US.UTF-8' });
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toMatch(/^Option --input FILE is missing\.\n\nUsage: regelwerk run <project> --flow ID --input FILE/);
  }, 60_000);

  it('an extra command: usage error and its own --help in both languages', () => {
    const de = cli(['export', PROJECT], { LANG: 'de_DE.UTF-8' });
    expect([de.status, de.stderr]).toEqual([2, 'Option --out DATEI fehlt.\nAufruf: regelwerk export <projekt> --out DATEI [--version X.Y.Z] [--created ZEIT]\n']);
    const en = cli(['export', PROJECT], { LANG: 'en_US.UTF-8' });
    expect([en.status, en.stderr]).toEqual([2, 'Option --out FILE is missing.\nUsage: regelwerk export <project> --out FILE [--version X.Y.Z] [--created TIME]\n']);
    const help = cli(['export', '--help'], { LANG: 'en_US.UTF-8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: regelwerk export <project> --out FILE/);
    expect(help.stdout).toMatch(/^ {2}--out FILE +ZIP file to write \(required\)$/m);
  }, 60_000);
});

describe('the CLI texts in-process', () => {
  it('unknown commands and options: German and English, exit 2 (schema keeps its exit 1)', async () => {
    const de = await run('de', ['zaubern']);
    const en = await run('en', ['zaubern']);
    expect([de.code, en.code]).toEqual([2, 2]);
    expect(de.stderr).toMatch(/^Unbekannter Befehl "zaubern"\.\n\nAufruf:/);
    expect(en.stderr).toMatch(/^Unknown command "zaubern"\.\n\nUsage:/);
    expect((await run('en', ['help', 'zaubern'])).code).toBe(2);
    expect(await run('de', ['transform', '--gibtsnicht'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unbekannte Option "--gibtsnicht".\nAufruf: regelwerk transform') });
    expect(await run('en', ['transform', '--gibtsnicht'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown option "--gibtsnicht".\nUsage: regelwerk transform') });
    expect(await run('en', ['schema', 'x', '--max-depth', '0'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Option --max-depth needs a whole number ≥ 1.') });
    expect(await run('en', ['flows', '/nirgends.json'])).toMatchObject({ code: 1, stderr: 'Cannot read /nirgends.json: file not found\n' });
    expect(await run('de', ['flows', '/nirgends.json'])).toMatchObject({ code: 1, stderr: 'Kann /nirgends.json nicht lesen: Datei nicht gefunden\n' });
  });

  it('lists every command it knows, and every listed command has a help that names all its options', async () => {
    const listed = listedCommands((await run('de', ['help'])).stdout);
    expect(listedCommands((await run('en', ['help'])).stdout)).toEqual(listed);
    for (const name of Object.keys(OPTIONS)) expect(listed, name).toContain(name);
    for (const name of listed) {
      const de = await run('de', [name, '--help']);
      const en = await run('en', [name, '-h']);
      expect([de.code, en.code, de.stderr, en.stderr], name).toEqual([0, 0, '', '']);
      expect(de.stdout, name).toMatch(new RegExp(`^Aufruf: regelwerk ${name}[ \\n]`));
      expect(en.stdout, name).toMatch(new RegExp(`^Usage: regelwerk ${name}[ \\n]`));
      expect(en.stdout, name).not.toMatch(/[äöüßÄÖÜ]|Aufruf|Optionen|Pflicht/);
      expect((await run('de', ['help', name])).stdout, name).toBe(de.stdout);
      const expected = OPTIONS[name];
      if (!expected) continue; // a command added after this test was written: it answers --help, options unchecked
      // The options section names exactly the options the parser accepts, plus --help, in both languages.
      expect(helpOptions(de.stdout).sort(), name).toEqual([...expected, '--help'].sort());
      expect(helpOptions(en.stdout).sort(), name).toEqual([...expected, '--help'].sort());
      expect(de.stdout, name).toMatch(/^ {2}-h, --help +Diese Hilfe zeigen$/m);
      expect(en.stdout, name).toMatch(/^ {2}-h, --help +Show this help$/m);
    }
  });

  it('every option a help lists is one the command accepts (no "unknown option")', async () => {
    for (const [name, options] of Object.entries(OPTIONS)) {
      for (const option of options) {
        const argv = VALUE[option] === undefined ? [name, option] : [name, option, VALUE[option]];
        // With a required argument left out, each call stops at a usage error before any real work.
        if (name === 'blueprints') continue; // --json would list the blueprints: checked below
        const r = await run('de', argv);
        expect(r.stderr, argv.join(' ')).not.toMatch(/Unbekannte(s Argument| Option)/);
      }
      // …while a made-up option is refused by the commands that check their options.
      if (!['flows', 'compile', 'run', 'test'].includes(name)) {
        expect((await run('de', [name, '--gibtsnicht'])).stderr, name).toMatch(/Unbekannte(s Argument| Option)/);
      }
    }
    expect((await run('de', ['blueprints', '--json'])).code).toBe(0);
  });

  it('machine-readable output is the same in both languages', async () => {
    const de = await run('de', ['blueprints', '--json']);
    const en = await run('en', ['blueprints', '--json']);
    expect(en.stdout).toBe(de.stdout);
    expect(JSON.parse(en.stdout).length).toBeGreaterThan(0);
    // Human listing follows the language, ids stay.
    const deLines = (await run('de', ['blueprints'])).stdout.trim().split('\n');
    const enLines = (await run('en', ['blueprints'])).stdout.trim().split('\n');
    expect(enLines.map((l) => l.split('\t')[0])).toEqual(deLines.map((l) => l.split('\t')[0]));
    expect(enLines[0]).toMatch(/^\S+\t\d+ systems\t\d+ flows\t/);
    expect(deLines[0]).toMatch(/^\S+\t\d+ Systeme\t\d+ Flüsse\t/);
  });

  it('regelwerk test keeps its PASS lines and "N passed, N failed" in English', async () => {
    const argv = ['test', PROJECT, '--flow', 'dms-vorgang'];
    const untimed = (s: string) => s.replace(/\(\d+ ms\)/g, '(… ms)');
    const de = await run('de', argv);
    const en = await run('en', argv);
    expect([de.code, en.code]).toEqual([0, 0]);
    expect(untimed(en.stdout)).toBe(untimed(de.stdout));
    expect(en.stdout.trim().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
  });
});
