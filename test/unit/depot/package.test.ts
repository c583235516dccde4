/**
 * The rule-depot package: contents and manifest, byte-identical rebuilds, import back, verification,
 * refusal of tampered, path-escaping and bomb packages, and the changelog between two versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepotPackage, FALLBACK_CREATED_AT } from '../../../src/core/depot/build.ts';
import { changelog, formatChangelog } from '../../../src/core/depot/changelog.ts';
import { sha256Hex, type Manifest } from '../../../src/core/depot/manifest.ts';
import { importDepotPackage } from '../../../src/core/depot/read.ts';
import { verifyDepotPackage } from '../../../src/core/depot/verify.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import type { Project } from '../../../src/core/model/project.ts';
import { createNodeEngine } from '../../../src/core/runner/saxon-node.ts';
import { sampleProject } from '../orgs/helpers.ts';
import { alter, build, disposeSefCompiler, rezip, sefCompiler, textOf, unzip } from './helpers.ts';

const engine = createNodeEngine();
afterAll(() => {
  engine.dispose();
  disposeSefCompiler();
});

const project = sampleProject();
let pkg: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  pkg = await build('1.0.0');
}, 120_000);

describe('building', () => {
  it('has the files the hub needs, each listed with its SHA-256', async () => {
    const files = unzip(pkg.bytes);
    const names = Object.keys(files);
    expect(names).toEqual([...names].sort());
    for (const n of ['manifest.json', 'README.txt', 'organisations.json', 'project.regelwerk.json', 'rules/a1-gewerberegister.xsl', 'rules/a1-gewerberegister.sef.json', 'rules/dms-vorgang.xsl', 'rules/dms-vorgang.sef.json', 'schemas/gewerberegister-import/gewerberegister-import.xsd', 'schemas/xdomea-3.0.0/xdomea_3.0.0/xdomea.xsd', 'tests/dms-vorgang/input/msg-01.xml', 'tests/dms-vorgang/expected/test-01.xml']) {
      expect(names).toContain(n);
    }
    const m = pkg.manifest;
    expect(m.files.map((f) => f.path)).toEqual(names.filter((n) => n !== 'manifest.json'));
    for (const f of m.files) expect(f.sha256, f.path).toBe(await sha256Hex(files[f.path]));
    expect(JSON.parse(textOf(pkg.bytes, 'organisations.json'))).toEqual(project.organisations);
    expect(textOf(pkg.bytes, 'README.txt')).toContain('Regeldepot-Paket gewerbeanmeldung 1.0.0');
  });

  it('lists one rule per flow and organisation with message types, routing and parameter values', () => {
    const m = pkg.manifest;
    expect(m).toMatchObject({ format: 'regelwerk-regeldepot/1', packageId: 'gewerbeanmeldung', version: '1.0.0', createdAt: FALLBACK_CREATED_AT, tool: { name: 'Regelwerk', engine: 'SaxonJS 2.7' } });
    expect(m.rules.map((r) => r.id)).toEqual(['a1-gewerberegister', 'dms-vorgang'].flatMap((f) => ['testorganisation', 'chemnitz', 'dresden', 'leipzig'].map((o) => `${f}@${o}`)));
    const r = m.rules.find((x) => x.id === 'dms-vorgang@dresden')!;
    expect(r.source).toEqual({ namespace: '', root: 'serviceportal-fields' });
    expect(r.target).toEqual({ namespace: 'urn:xoev-de:xdomea:schema:3.0.0', root: 'FVDaten.SGOAblegen.0605' });
    expect(r.routing).toMatchObject({ senderSystem: 'integrationsdienst', procedureId: '99050012104000', targetSystem: 'dms', adapter: { id: 'xta', kind: 'xta' }, organisation: { id: 'dresden', ags: '14612000', office: { name: 'Ordnungsamt – Gewerbeangelegenheiten' } } });
    expect(r.parameters.map((p) => [p.name, p.value, p.default])).toEqual([
      ['empfaenger-stelle', 'Ordnungsamt – Gewerbeangelegenheiten', 'Gewerbebehörde'],
      ['empfaenger-institution', 'Landeshauptstadt Dresden', ''],
    ]);
    expect(r.files.map((f) => f.path)).toEqual(['rules/dms-vorgang.xsl', 'rules/dms-vorgang.sef.json']);
    expect(r.tests).toEqual(['dms-vorgang/test-01', 'dms-vorgang/test-02', 'dms-vorgang/test-03']);
    expect(m.tests[0]).toMatchObject({ id: 'a1-gewerberegister/test-01', organisation: 'testorganisation', input: 'tests/a1-gewerberegister/input/msg-01.xml' });
  });

  it('gives byte-identical packages for the same project and version, different ones otherwise', async () => {
    const again = await build('1.0.0');
    expect(again.sha256).toBe(pkg.sha256);
    expect(Buffer.from(again.bytes).equals(Buffer.from(pkg.bytes))).toBe(true);
    expect((await build('1.0.1')).sha256).not.toBe(pkg.sha256);
    // A recorded release fixes the creation time of its version.
    const released = applyOp(project, { type: 'depot.release', version: '1.1.0', createdAt: '2026-05-04T08:30:00.000Z' });
    const a = await build('1.1.0', released);
    const b = await build('1.1.0', released);
    expect(a.manifest.createdAt).toBe('2026-05-04T08:30:00.000Z');
    expect(a.createdAtSource).toBe('release');
    expect(a.sha256).toBe(b.sha256);
    expect(JSON.parse(textOf(a.bytes, 'rules/dms-vorgang.sef.json')).buildDateTime).toBe('2026-05-04T08:30:00.000Z');
  });

  it('without organisations: one generic rule per flow with the parameter defaults', async () => {
    const r = await build('1.0.0', { ...project, organisations: [] });
    expect(r.manifest.rules.map((x) => x.id)).toEqual(['a1-gewerberegister', 'dms-vorgang']);
    const dms = r.manifest.rules[1];
    expect(dms.routing).toEqual({ senderSystem: 'integrationsdienst', procedureId: '99050012104000', targetSystem: 'dms', adapter: { id: 'xta', kind: 'xta' } });
    expect(dms.parameters.map((p) => p.value)).toEqual(['Gewerbebehörde', '']);
  });

  it('refuses a bad version, invalid organisations and rules that do not compile, saying why', async () => {
    const sef = sefCompiler();
    expect(await buildDepotPackage(project, { version: '1.0', sef })).toEqual({ ok: false, errors: ['Version "1.0" ist keine semantische Version (X.Y.Z).'] });
    const badOrg = { ...project, organisations: project.organisations.map((o) => (o.id === 'leipzig' ? { ...o, ags: '147130' } : o)) };
    const r1 = await buildDepotPackage(badOrg, { version: '1.0.0', sef });
    expect(r1).toEqual({ ok: false, errors: ['Organisation leipzig: AGS muss genau 8 Ziffern haben (ist "147130").'] });
    const badRule: Project = {
      ...project,
      flows: project.flows.map((f) =>
        f.id === 'a1-gewerberegister' ? { ...f, mapping: { ...f.mapping, rules: f.mapping.rules.map((r, i) => (i === 1 ? { ...r, value: { kind: 'param' as const, name: 'gibt-es-nicht' } } : r)) } } : f,
      ),
    };
    const r2 = await buildDepotPackage(badRule, { version: '1.0.0', sef });
    expect(r2.ok).toBe(false);
    expect(!r2.ok && r2.errors.join('\n')).toMatch(/a1-gewerberegister: .*Parameter \$gibt-es-nicht ist nicht deklariert/);
  });
});

describe('reading back', () => {
  it('imports the package back as the project it was built from', async () => {
    const r = await importDepotPackage(pkg.bytes);
    expect(r.ok).toBe(true);
    expect(r.ok && r.project).toEqual(project);
  });

  it('refuses a package whose files do not match their checksums, naming the file', async () => {
    const tampered = await alter(pkg.bytes, { 'rules/dms-vorgang.xsl': textOf(pkg.bytes, 'rules/dms-vorgang.xsl').replace('Gewerbebehörde', 'Gewerbeamt') });
    const r = await importDepotPackage(tampered);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('depot.checksum');
    expect(!r.ok && r.message).toMatch(/^Prüfsummen stimmen nicht: rules\/dms-vorgang\.xsl: SHA-256 stimmt nicht/);
    // A file slipped in without a manifest entry is refused too.
    const extra = rezip({ ...unzip(pkg.bytes), 'rules/extra.xsl': new TextEncoder().encode('<x/>') });
    expect(await importDepotPackage(extra)).toMatchObject({ ok: false, code: 'depot.checksum', message: expect.stringContaining('rules/extra.xsl: steht nicht im Manifest') });
  });

  it('refuses paths that leave the package and zip bombs, before unpacking', async () => {
    const escaping = rezip({ ...unzip(pkg.bytes), '../organisations.json': new TextEncoder().encode('[]') });
    expect(await importDepotPackage(escaping)).toMatchObject({ ok: false, code: 'depot.unsafe-path' });
    const bomb = rezip({ ...unzip(pkg.bytes), 'tests/huge.xml': new Uint8Array(64 * 1024 * 1024) });
    const r = await importDepotPackage(bomb);
    expect(r).toMatchObject({ ok: false, code: 'depot.zip-bomb' });
    expect(!r.ok && r.message).toContain('Abgelehnt, nichts entpackt.');
    expect(await importDepotPackage(new TextEncoder().encode('PK nein'))).toMatchObject({ ok: false, code: 'depot.not-zip' });
  });
});

describe('verifying', () => {
  it('checks every checksum, compiles every rule and runs every test', async () => {
    const r = await verifyDepotPackage(pkg.bytes, { engine, sef: sefCompiler() });
    expect(r.failed).toBe(0);
    const count = (k: string) => r.checks.filter((c) => c.kind === k).length;
    expect([count('package'), count('checksum'), count('compile'), count('test')]).toEqual([1, pkg.manifest.files.length, 2, 6]);
  });

  it('fails a wrong expected output, a SEF that does not belong to its rule, and a tampered file', async () => {
    const expected = textOf(pkg.bytes, 'tests/a1-gewerberegister/expected/test-01.xml');
    const wrongExpected = await alter(pkg.bytes, { 'tests/a1-gewerberegister/expected/test-01.xml': expected.replace('<Meldungsart>AN</Meldungsart>', '<Meldungsart>UM</Meldungsart>') }, true);
    const r1 = await verifyDepotPackage(wrongExpected, { engine, sef: sefCompiler() });
    expect(r1.checks.filter((c) => !c.ok)).toEqual([{ kind: 'test', subject: 'a1-gewerberegister/test-01', ok: false, message: '/Gewerbemeldung/Kopfdaten/Meldungsart: "AN" statt erwartet "UM"' }]);

    const otherSef = await alter(pkg.bytes, { 'rules/a1-gewerberegister.sef.json': textOf(pkg.bytes, 'rules/dms-vorgang.sef.json') }, true);
    const r2 = await verifyDepotPackage(otherSef, { engine, sef: sefCompiler() });
    expect(r2.checks.filter((c) => !c.ok).map((c) => `${c.subject}: ${c.message}`)).toEqual(['rules/a1-gewerberegister.sef.json: SEF passt nicht zur XSLT-Regel (neu übersetzt ergibt sich eine andere SEF)']);

    const tampered = await alter(pkg.bytes, { 'rules/dms-vorgang.xsl': textOf(pkg.bytes, 'rules/dms-vorgang.xsl').replace('Gewerbebehörde', 'Gewerbeamt') });
    const r3 = await verifyDepotPackage(tampered, { engine, sef: sefCompiler() });
    const failed = r3.checks.filter((c) => !c.ok);
    expect(failed[0]).toMatchObject({ kind: 'checksum', subject: 'rules/dms-vorgang.xsl' });
    // The tampered rule is not compiled or run: its tests fail for want of a trusted rule.
    expect(failed.filter((c) => c.kind === 'test').map((c) => c.subject)).toEqual(['dms-vorgang/test-01', 'dms-vorgang/test-02', 'dms-vorgang/test-03']);
  });
});

describe('what changed', () => {
  it('lists rules added, removed and changed between two versions', async () => {
    let p2 = applyOp(project, { type: 'org.remove', ids: ['chemnitz'] });
    p2 = applyOp(p2, { type: 'org.set', organisation: { ...p2.organisations.find((o) => o.id === 'leipzig')!, id: 'pirna', name: 'Stadt Pirna', ags: '14628310' } });
    p2 = applyOp(p2, { type: 'org.bulkFlow', ids: ['dresden'], flowId: 'dms-vorgang', patch: { params: { 'empfaenger-stelle': 'Bürgerbüro' } } });
    p2 = applyOp(p2, { type: 'rule.set', flowId: 'a1-gewerberegister', rule: { ...p2.flows[1].mapping.rules[5], value: { kind: 'const', value: 'UM' } } });
    const v2 = await build('1.1.0', p2);
    const c = changelog(pkg.manifest, v2.manifest);
    expect(c.added).toEqual(['a1-gewerberegister@pirna', 'dms-vorgang@pirna']);
    expect(c.removed).toEqual(['a1-gewerberegister@chemnitz', 'dms-vorgang@chemnitz']);
    const byId = Object.fromEntries(c.changed.map((x) => [x.id, x.changes]));
    expect(byId['dms-vorgang@dresden']).toEqual(['Parameter empfaenger-stelle: "Ordnungsamt – Gewerbeangelegenheiten" → "Bürgerbüro"']);
    for (const o of ['testorganisation', 'dresden', 'leipzig']) expect(byId[`a1-gewerberegister@${o}`]).toEqual(['XSLT-Regel geändert']);
    expect(c.unchanged).toBe(2);
    const text = formatChangelog(c);
    expect(text).toContain('Änderungen gewerbeanmeldung 1.0.0 → gewerbeanmeldung 1.1.0');
    expect(text).toContain('  + dms-vorgang@pirna');
    expect(text).toContain('  - a1-gewerberegister@chemnitz');
  });

  it('says so when nothing changed', () => {
    const m: Manifest = pkg.manifest;
    expect(changelog(m, m)).toMatchObject({ added: [], removed: [], changed: [], unchanged: 8 });
  });
});
