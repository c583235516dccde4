/**
 * Acceptance on real schema sets from /work/shared (read relative to this file, so the tests also
 * run in a fresh clone placed beside shared/).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clark, type SchemaFile } from '../../../src/core/schema/types.ts';
import { importXsd } from '../../../src/core/schema/xsd/index.ts';
import { childElements, parseXml, type XmlElement } from '../../../src/core/xml/dom.ts';
import { loadDir, node, SHARED, treeOf, walk } from './helpers.ts';

const XDOMEA = join(SHARED, 'domain/schemas/xdomea-3.0.0');
const XBAU = join(SHARED, 'domain/schemas/xbau-2.6');
const SAMPLES = join(SHARED, 'domain/samples/xdomea-3.0.0');
const PEERS = join(SHARED, 'peers/kaoto-datamapper/xml');
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const errors = (ds: { severity: string }[]) => ds.filter((d) => d.severity === 'error');

describe('xdomea 3.0.0', () => {
  const result = importXsd(loadDir(XDOMEA, 'xdomea_3.0.0/xdomea.xsd'));

  it('imports without diagnostics, message roots first', () => {
    expect(result.diagnostics).toEqual([]);
    const messages = result.roots.filter((q) => /\.\d{4}$/.test(q.local));
    expect(messages.length).toBeGreaterThan(40);
    // All messages come before every other global element.
    expect(result.roots.slice(0, messages.length)).toEqual(messages);
  });

  it('builds every message tree to three levels', () => {
    for (const q of result.roots.filter((r) => /\.\d{4}$/.test(r.local))) {
      const t = result.tree(q)!;
      expect(t.root.source?.file).toMatch(/^xdomea_3\.0\.0\/xdomea-Nachrichten-/);
      expect(walk(t, 3)).toBeGreaterThan(5);
      expect(t.find(`/${clark(q)}/{urn:xoev-de:xdomea:schema:3.0.0}Kopf`)).toBeDefined();
    }
  });

  it('resolves the xoev code list type imported from ../xoev/code', () => {
    const t = treeOf(result, '{urn:xoev-de:xdomea:schema:3.0.0}Aussonderung.Aussonderung.0503');
    const typ = node(t, '/{urn:xoev-de:xdomea:schema:3.0.0}Aussonderung.Aussonderung.0503/{urn:xoev-de:xdomea:schema:3.0.0}Kopf/{urn:xoev-de:xdomea:schema:3.0.0}Nachrichtentyp');
    const code = t.children(typ).find((c) => c.name.local === 'code');
    expect(code).toMatchObject({ name: { ns: '', local: 'code' }, minOccurs: 1 });
    expect(t.children(typ).map((c) => c.path.slice(typ.path.length + 1))).toEqual(['@listURI', '@listVersionID', 'code', 'name']);
  });

  // Every element and attribute path of each sample (xmlns and xsi:* left out, positions ignored)
  // must be found. The samples use no xsi:type; where an instance does, find() falls back to the
  // types derived from the declared one (see xsd-tree.test.ts).
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.xml'));
  it.each(samples)('finds every path of sample %s', (file) => {
    const parsed = parseXml(readFileSync(join(SAMPLES, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const root = parsed.doc.root;
    const t = result.tree({ ns: root.ns, local: root.local })!;
    expect(t).toBeDefined();
    const step = (ns: string, local: string) => (ns ? `{${ns}}${local}` : local);
    const paths = new Set<string>();
    const visit = (el: XmlElement, path: string) => {
      paths.add(path);
      for (const a of el.attrs) if (a.ns !== XSI) paths.add(`${path}/@${step(a.ns, a.local)}`);
      for (const c of childElements(el)) visit(c, `${path}/${step(c.ns, c.local)}`);
    };
    visit(root, `/${step(root.ns, root.local)}`);
    expect(paths.size).toBeGreaterThan(50);
    expect([...paths].filter((p) => !t.find(p))).toEqual([]);
  });
});

describe('XBau 2.6', () => {
  const all = loadDir(XBAU);
  const entries = all.filter((f) => /^xbau-nachrichten-.*\.xsd$/.test(f.name)).map((f) => f.name);

  it('has the message files', () => {
    expect(entries.length).toBeGreaterThanOrEqual(20);
  });

  it.each(entries)('imports %s with all files of the folder', (entry) => {
    const files: SchemaFile[] = [all.find((f) => f.name === entry)!, ...all.filter((f) => f.name !== entry)];
    const r = importXsd(files);
    expect(r.diagnostics).toEqual([]);
    const first = r.tree(r.roots[0])!;
    expect(first.root.source?.file).toBe(entry);
    const messagesOfEntry = r.roots.filter((q) => r.tree(q)!.root.source?.file === entry);
    for (const q of messagesOfEntry) {
      const t = r.tree(q)!;
      // XBau messages extend Nachricht.G2G: the unqualified header comes first after the attributes.
      expect(t.find(`/${clark(q)}/nachrichtenkopf.g2g/identifikation.nachricht`)).toBeDefined();
      expect(walk(t, 3)).toBeGreaterThan(10);
    }
  });

  it('shows GML substitution-group heads with their members', () => {
    const r = importXsd(all);
    const t = treeOf(r, '{http://www.opengis.net/gml/3.2}Polygon');
    const head = node(t, '/{http://www.opengis.net/gml/3.2}Polygon/{http://www.opengis.net/gml/3.2}exterior/{http://www.opengis.net/gml/3.2}AbstractRing');
    expect(head.abstract).toBe(true);
    expect(head.substitutes?.map((q) => q.local)).toContain('LinearRing');
    expect(t.find('/{http://www.opengis.net/gml/3.2}Polygon/{http://www.opengis.net/gml/3.2}exterior/{http://www.opengis.net/gml/3.2}LinearRing')).toBeDefined();
  });
});

describe('kaoto data-mapper fixtures', () => {
  // Files that reference another namespace without an import are given together with their partner.
  const partners: Record<string, string[]> = {
    'CrossSchemaDerivedTypes.xsd': ['CrossSchemaBaseTypes.xsd'],
    'LazyLoadingTestExtensions.xsd': ['LazyLoadingTest.xsd'],
  };
  // Built to be invalid: each must give at least one diagnostic with this code (and not crash).
  const invalid: Record<string, string> = {
    'NamedTypes.xsd': 'xsd.unknown-type',
    'NoTopElement.xsd': 'xsd.unknown-type',
    'fhir-single.xsd': 'xsd.unknown-element',
    'ShipOrderEmptyFirstLine.xsd': 'xml.declaration-not-at-start',
  };
  const closure = (entry: string): SchemaFile[] => {
    const paths = [join(PEERS, entry), ...(partners[entry] ?? []).map((p) => join(PEERS, p))];
    for (let i = 0; i < paths.length; i++) {
      for (const m of readFileSync(paths[i], 'utf8').matchAll(/schemaLocation="([^"]+)"/g)) {
        const p = join(dirname(paths[i]), m[1]);
        if (existsSync(p) && !paths.includes(p)) paths.push(p);
      }
    }
    return paths.map((p) => ({ name: relative(PEERS, p), content: readFileSync(p, 'utf8') }));
  };
  const entries = readdirSync(PEERS, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.xsd'))
    .map((f) => f.replace(/\\/g, '/'))
    .sort();

  it('has all fixtures', () => expect(entries.length).toBeGreaterThanOrEqual(68));

  it.each(entries)('imports %s', (entry) => {
    const r = importXsd(closure(entry));
    if (invalid[entry]) expect(r.diagnostics.map((d) => d.code)).toContain(invalid[entry]);
    else expect(errors(r.diagnostics)).toEqual([]);
    for (const q of r.roots.slice(0, 20)) expect(walk(r.tree(q)!, 3)).toBeGreaterThan(0);
  });

  it('resolves equal base names in different folders (2nd-include-crash)', () => {
    const r = importXsd(closure('2nd-include-crash/root.xsd'));
    expect(r.diagnostics).toEqual([]);
    const t = treeOf(r, '{urn:example:root}Root');
    expect(node(t, '/{urn:example:root}Root/partA/value').simple).toEqual({ builtin: 'string', maxLength: 100 });
    expect(t.find('/{urn:example:root}Root/partB/value')).toBeDefined();
  });

  it('imports fhir-single.xsd (3.8 MB) lazily and fast', () => {
    const content = readFileSync(join(PEERS, 'fhir-single.xsd'), 'utf8');
    const t0 = performance.now();
    const r = importXsd([{ name: 'fhir-single.xsd', content }]);
    const t = r.tree(r.roots[0])!;
    for (const c of t.children(t.root)) t.children(c);
    const ms = performance.now() - t0;
    expect(r.roots.length).toBeGreaterThan(150);
    expect(errors(r.diagnostics)).toHaveLength(1); // xhtml:div: the xhtml import is commented out in the file
    expect(ms).toBeLessThan(1000);
  });
});
