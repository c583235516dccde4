/** The CLI words core messages in German, or in English when the locale (LC_ALL, else LANG) is en*. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'rw-i18n-'));
const bad = join(dir, 'kaputt.regelwerk.json');
writeFileSync(bad, '{ "formatVersion": 1, "name": }');

function flows(env: Record<string, string>): { status: number | null; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LC_ALL|LC_MESSAGES|LANGUAGE)$/.test(k)));
  const r = spawnSync(process.execPath, [join(ROOT, 'src/cli/regelwerk.js'), 'flows', bad], { cwd: ROOT, encoding: 'utf8', env: { ...clean, ...env } });
  return { status: r.status, stderr: r.stderr };
}

describe('CLI message language', () => {
  it('is German without an English locale', () => {
    const r = flows({ LANG: 'de_DE.UTF-8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kaputt.regelwerk.json:1:31: error: Die Datei ist kein gültiges JSON (ValueExpected). [project.json-syntax]');
    expect(flows({ LANG: 'C.UTF-8' }).stderr).toContain('Die Datei ist kein gültiges JSON');
  }, 60_000);

  it('is English when LANG starts with en, unless LC_ALL says otherwise', () => {
    const r = flows({ LANG: 'en_GB.UTF-8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kaputt.regelwerk.json:1:31: error: The file is not valid JSON (ValueExpected). [project.json-syntax]');
    expect(flows({ LANG: 'de_DE.UTF-8', LC_ALL: 'en_US.UTF-8' }).stderr).toContain('The file is not valid JSON');
    expect(flows({ LANG: 'en_US.UTF-8', LC_ALL: 'de_DE.UTF-8' }).stderr).toContain('Die Datei ist kein gültiges JSON');
  }, 60_000);
});
