import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaCommand, type SchemaIo } from '../../../src/cli/commands/schema.ts';
import { SHARED, xsd } from './helpers.ts';

/** An in-memory process: files by name, folders by prefix. */
function memIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: SchemaIo = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
    listXsd: (p) => {
      const inside = Object.keys(files).filter((f) => f.startsWith(p.replace(/\/?$/, '/')));
      return inside.length ? inside.filter((f) => /\.(xsd|json|xml)$/.test(f)).sort() : undefined;
    },
  };
  return { io, out, err, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}

const SCHEMA = xsd(`
  <xs:include schemaLocation="types.xsd"/>
  <xs:element name="Antrag">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Person" type="t:Person" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="version" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Notiz" type="xs:string"/>`);
const TYPES = xsd(`
  <xs:complexType name="Person">
    <xs:sequence>
      <xs:element name="Name" type="xs:string"/>
      <xs:element name="Vertreter" type="t:Person" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="id" type="xs:ID" xmlns:a="urn:a"/>
  </xs:complexType>`);
const FILES = { 'dir/antrag.xsd': SCHEMA, 'dir/types.xsd': TYPES, 'dir/readme.txt': 'x' };

describe('regelwerk schema', () => {
  it('prints paths in Clark notation, cut where a type recurses', async () => {
    const m = memIo(FILES);
    expect(await schemaCommand(['dir', '--paths'], m.io)).toBe(0);
    expect(m.stdout().split('\n')).toEqual([
      '{urn:t}Antrag',
      '{urn:t}Antrag/@version',
      '{urn:t}Antrag/{urn:t}Person',
      '{urn:t}Antrag/{urn:t}Person/@id',
      '{urn:t}Antrag/{urn:t}Person/{urn:t}Name',
      '{urn:t}Antrag/{urn:t}Person/{urn:t}Vertreter',
    ]);
    expect(m.err).toEqual([]);
  });

  it('cuts at --max-depth and picks --root by local or Clark name', async () => {
    let m = memIo(FILES);
    expect(await schemaCommand(['dir/antrag.xsd', 'dir/types.xsd', '--paths', '--max-depth', '2'], m.io)).toBe(0);
    expect(m.stdout().split('\n')).toEqual(['{urn:t}Antrag', '{urn:t}Antrag/@version', '{urn:t}Antrag/{urn:t}Person']);
    for (const root of ['Notiz', '{urn:t}Notiz']) {
      m = memIo(FILES);
      expect(await schemaCommand(['dir', '--paths', '--root', root], m.io)).toBe(0);
      expect(m.stdout()).toBe('{urn:t}Notiz');
    }
  });

  it('prints a summary', async () => {
    const m = memIo(FILES);
    expect(await schemaCommand(['dir'], m.io)).toBe(0);
    expect(m.stdout().split('\n')).toEqual([
      'Dateien: 2 (xsd)',
      'Globale Elemente (2):',
      '  * {urn:t}Antrag',
      '    {urn:t}Notiz',
      'Wurzel: {urn:t}Antrag',
      'Knoten bis Tiefe 12: 6',
      'Größte Tiefe: 3',
      'Diagnosen: 0 Fehler, 0 Warnungen, 0 Hinweise',
    ]);
  });

  it('prints the tree as JSON to max depth', async () => {
    const m = memIo(FILES);
    expect(await schemaCommand(['dir', '--json', '--max-depth', '2'], m.io)).toBe(0);
    const tree = JSON.parse(m.stdout());
    expect(tree).toMatchObject({ path: '/{urn:t}Antrag', kind: 'element', name: { ns: 'urn:t', local: 'Antrag' } });
    expect(tree.children.map((c: { path: string }) => c.path)).toEqual(['/{urn:t}Antrag/@version', '/{urn:t}Antrag/{urn:t}Person']);
    expect(tree.children[1].hasChildren).toBe(true);
    expect(tree.children[1].children).toBeUndefined();
  });

  it('writes diagnostics to stderr, one line each, and still succeeds when a tree can be built', async () => {
    const m = memIo({ 'a.xsd': xsd('<xs:element name="r" type="t:Fehlt"/>') });
    expect(await schemaCommand(['a.xsd', '--paths'], m.io)).toBe(0);
    expect(m.err).toEqual([expect.stringMatching(/^a\.xsd:3:1: error: .*\{urn:t\}Fehlt.* \[xsd\.unknown-type\]$/)]);
    expect(m.stdout()).toBe('{urn:t}r');
  });

  it('fails (1) without a tree, on unknown roots, unreadable files and bad options', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['broken.xsd'], /xml\.not-well-formed/],
      [['empty.xsd'], /kein globales Element/],
      [['dir', '--root', 'Fehlt'], /Kein globales Element „Fehlt“/],
      [['nix.xsd'], /nicht lesbar/],
      [[], /Keine Schemadatei/],
      [['dir', '--max-depth', '0'], /--max-depth/],
      [['dir', '--bogus'], /Unbekannte Option/],
    ];
    for (const [argv, message] of cases) {
      const m = memIo({ ...FILES, 'broken.xsd': '<xs:schema', 'empty.xsd': xsd('') });
      expect(await schemaCommand(argv, m.io), argv.join(' ')).toBe(1);
      expect(m.stderr()).toMatch(message);
    }
  });

  it('reads a real folder from disk and lists the paths of an xdomea message', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), readFile: (p: string) => readFileSync(p, 'utf8') };
    const dir = join(SHARED, 'domain/schemas/xdomea-3.0.0');
    expect(await schemaCommand([dir, '--paths', '--root', 'Aussonderung.Aussonderung.0503', '--max-depth', '4'], io)).toBe(0);
    expect(err).toEqual([]);
    const lines = out.join('\n').split('\n');
    const x = '{urn:xoev-de:xdomea:schema:3.0.0}';
    expect(lines[0]).toBe(`${x}Aussonderung.Aussonderung.0503`);
    expect(lines).toContain(`${x}Aussonderung.Aussonderung.0503/${x}Kopf/${x}Nachrichtentyp/code`);
    expect(lines).toContain(`${x}Aussonderung.Aussonderung.0503/${x}Kopf/${x}Nachrichtentyp/@listURI`);
    expect(lines.filter((l) => l.startsWith('/') || !l.startsWith(`${x}Aussonderung.Aussonderung.0503`))).toEqual([]);
  });

  it('reads JSON Schema, XDatenfelder and samples too, guessing the kind like the import dialog', async () => {
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (x: string) => out.push(x), err: (x: string) => err.push(x), readFile: (p: string) => readFileSync(p, 'utf8') };
      return { code: await schemaCommand(argv, io), out: out.join('\n'), err: err.join('\n') };
    };
    const FN = '{http://www.w3.org/2005/xpath-functions}';
    const js = await run([join(SHARED, 'peers/kaoto-datamapper/json/Account.schema.json'), '--paths']);
    expect(js.code).toBe(0);
    expect(js.out.split('\n')).toContain(`${FN}map/${FN}map[@key='Address']/${FN}string[@key='City']`);
    const xdf = await run([join(SHARED, 'domain/samples/xdatenfelder/v3-data/input.xml'), '--paths']);
    expect(xdf.code).toBe(0);
    expect(xdf.out.split('\n')).toContain('G60000000088/F60000000243');
    // The deliberately broken sample says where it breaks.
    expect(xdf.err).toMatch(/input\.xml:\d+:\d+: warning: .*xdf\.duplicate-node/);
    const m = memIo({ 'd/a.json': '{"a":[{"b":1},{"b":2}]}', 'd/notes.xml': '<x/>' });
    expect(await schemaCommand(['d'], m.io)).toBe(0);
    expect(m.stdout()).toMatch(/Dateien: 1 \(sample-json\)/);
    const forced = memIo({ 'a.xml': '<antrag><name>x</name></antrag>' });
    expect(await schemaCommand(['a.xml', '--kind', 'sample-xml', '--paths'], forced.io)).toBe(0);
    expect(forced.stdout().split('\n')).toEqual(['antrag', 'antrag/name']);
    const bad = memIo({ 'a.xml': '<x/>' });
    expect(await schemaCommand(['a.xml', '--kind', 'bogus'], bad.io)).toBe(1);
    expect(bad.stderr()).toMatch(/--kind braucht eine von: xsd, json-schema/);
  });
});
