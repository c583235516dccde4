/** Projects for the XSLT import tests: the sample project, and a small one with trees inferred from instances. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../../../src/core/model/load.ts';
import { emptyMapping, type Flow, type Project } from '../../../src/core/model/project.ts';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
export const SAMPLE_FILE = join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json');
export const HANDWRITTEN = join(ROOT, 'test/fixtures/handwritten');

/** The sample project as committed. */
export function sampleProject(): Project {
  const r = loadProject(readFileSync(SAMPLE_FILE, 'utf8'), SAMPLE_FILE);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.project;
}

/** A flow of a project by id. */
export function flowOf(p: Project, id: string): Flow {
  const f = p.flows.find((x) => x.id === id);
  if (!f) throw new Error(`Fluss ${id} fehlt`);
  return f;
}

export const SMALL_NS = { t: 'urn:test:ziel', q: 'urn:test:quelle', k: 'urn:test:kode' };

const SMALL_SOURCE = `<serviceportal-fields xmlns:q="${SMALL_NS.q}">
  <kopf><instance_1><id>A-1</id><eingang>2026-03-02T09:41:17.352+01:00</eingang><q:kennung typ="x">K1</q:kennung></instance_1></kopf>
  <person><instance_1><name>Böhme</name><vorname>Katrin</vorname><plz>01099</plz></instance_1></person>
  <posten><instance_1><text>Eins</text><betrag>1.50</betrag><tags><tag>a</tag><tag>b</tag></tags></instance_1>
          <instance_2><text>Zwei</text><betrag>20</betrag><tags><tag>c</tag></tags></instance_2></posten>
  <auswahl><selectedValue>Handel</selectedValue><selectedValue>Handwerk</selectedValue></auswahl>
</serviceportal-fields>`;

const SMALL_TARGET = `<t:Nachricht xmlns:t="${SMALL_NS.t}" xmlns:k="${SMALL_NS.k}" version="1" k:art="A">
  <t:Kopf><t:Id>x</t:Id><t:Datum>x</t:Datum><t:Code liste="l" version="1"><code>x</code></t:Code></t:Kopf>
  <t:Person geschlecht="w"><t:Name>x</t:Name><t:Vorname>x</t:Vorname><t:Anschrift><t:PLZ>x</t:PLZ><t:Ort>x</t:Ort></t:Anschrift></t:Person>
  <t:Posten nr="1"><t:Text>x</t:Text><t:Betrag waehrung="EUR">1</t:Betrag><t:Tag>a</t:Tag><t:Tag>b</t:Tag></t:Posten>
  <t:Posten nr="2"><t:Text>y</t:Text><t:Betrag waehrung="EUR">2</t:Betrag></t:Posten>
  <t:Bereich>x</t:Bereich><t:Bereich>y</t:Bereich>
  <t:Leer/>
</t:Nachricht>`;

/** A small project whose trees are inferred from one source and one target instance (namespaces, attributes, repeating groups). */
export function smallProject(): Project {
  const raw = {
    formatVersion: 1,
    id: 'klein',
    name: 'Klein',
    systems: [
      { id: 'a', kind: 'application-assistant', name: 'A' },
      { id: 'b', kind: 'specialised-system', name: 'B' },
    ],
    schemas: [
      { id: 'src', name: 'Quelle', kind: 'sample-xml', files: [{ name: 'quelle.xml', content: SMALL_SOURCE }] },
      { id: 'tgt', name: 'Ziel', kind: 'sample-xml', files: [{ name: 'ziel.xml', content: SMALL_TARGET }] },
    ],
    flows: [
      {
        id: 'klein',
        scenarioCode: 'K1',
        title: 'Klein',
        from: { systemId: 'a' },
        to: { systemId: 'b' },
        source: { schemaId: 'src', root: { ns: '', local: 'serviceportal-fields' } },
        target: { schemaId: 'tgt', root: { ns: SMALL_NS.t, local: 'Nachricht' } },
        mapping: { ...emptyMapping(), namespaces: { ...SMALL_NS } },
        samples: [{ id: 's1', name: 'Quelle', content: SMALL_SOURCE }],
      },
    ],
  };
  const r = loadProject(JSON.stringify(raw));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.project;
}

/** A FIT-Connect-like JSON Schema of an application (FIM group and field ids as keys). */
const JSON_SOURCE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schema.fitko.de/fim/s00000092_1.3.schema.json',
  title: 'Gewerbeanmeldung',
  type: 'object',
  required: ['G17003529'],
  properties: {
    G17003529: {
      title: 'Angaben zur Person',
      type: 'object',
      required: ['F17005455'],
      properties: {
        F17005454: { type: 'string', title: 'Vorname' },
        F17005455: { type: 'string', title: 'Familienname' },
        F60000227: { type: 'string', format: 'date', title: 'Geburtsdatum' },
      },
    },
    G17003530: {
      title: 'Tätigkeiten',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          F17005500: { type: 'string', title: 'Beschreibung' },
          F17005501: { type: 'integer', title: 'Beschäftigte' },
          G17003531: { type: 'array', items: { type: 'string' }, title: 'Schlagworte' },
        },
      },
    },
    F60000230: { type: 'boolean', title: 'Haupttätigkeit' },
    F60000231: { type: 'number', title: 'Stammkapital' },
    "Ort/Straße 'alt'": { type: 'string', title: 'Schlüssel mit Schrägstrich und Apostroph' },
  },
};

/** The JSON a specialised system takes (an object with a nested object, arrays of objects and strings). */
const JSON_TARGET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Vorgang',
  type: 'object',
  required: ['vorgangsnummer'],
  properties: {
    vorgangsnummer: { type: 'string' },
    eingang: { type: 'string', format: 'date-time' },
    antragsteller: {
      type: 'object',
      properties: { name: { type: 'string' }, vorname: { type: 'string' }, volljaehrig: { type: 'boolean' }, adresse: { type: 'object', properties: { plz: { type: 'string' }, ort: { type: 'string' } } } },
    },
    posten: {
      type: 'array',
      items: { type: 'object', properties: { text: { type: 'string' }, betrag: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } } },
    },
    bereiche: { type: 'array', items: { type: 'string' } },
    anzahl: { type: 'integer' },
  },
};

/** A FIT-Connect-like submission for the JSON source schema. */
export const JSON_SAMPLE = JSON.stringify({
  G17003529: { F17005454: 'Katrin', F17005455: 'Böhme', F60000227: '1985-04-12' },
  G17003530: [
    { F17005500: 'Handel', F17005501: 2, G17003531: ['a', 'b'] },
    { F17005500: 'Reparatur', F17005501: 0, G17003531: [] },
  ],
  F60000230: true,
  F60000231: 25000.5,
  "Ort/Straße 'alt'": 'Dresden',
});

/**
 * A project with JSON flows: FIT-Connect-like JSON into the small XML target (json-xml), the small XML
 * source into a JSON target (xml-json), and JSON into JSON (json-json).
 */
export function jsonProject(): Project {
  const msg = (schemaId: string, ns: string, local: string) => ({ schemaId, root: { ns, local } });
  const flow = (id: string, source: unknown, target: unknown, sample: string) => ({
    id,
    scenarioCode: 'J',
    title: id,
    from: { systemId: 'a' },
    to: { systemId: 'b' },
    source,
    target,
    mapping: { ...emptyMapping(), namespaces: { ...SMALL_NS } },
    samples: [{ id: 's1', name: 'Beispiel', content: sample }],
  });
  const raw = {
    formatVersion: 1,
    id: 'json',
    name: 'JSON',
    systems: [
      { id: 'a', kind: 'application-assistant', name: 'A' },
      { id: 'b', kind: 'specialised-system', name: 'B' },
    ],
    schemas: [
      { id: 'json-src', name: 'Antrag (JSON Schema)', kind: 'json-schema', files: [{ name: 'antrag.schema.json', content: JSON.stringify(JSON_SOURCE_SCHEMA, null, 2) }] },
      { id: 'json-tgt', name: 'Vorgang (JSON Schema)', kind: 'json-schema', files: [{ name: 'vorgang.schema.json', content: JSON.stringify(JSON_TARGET_SCHEMA, null, 2) }] },
      { id: 'xml-src', name: 'Quelle', kind: 'sample-xml', files: [{ name: 'quelle.xml', content: SMALL_SOURCE }] },
      { id: 'xml-tgt', name: 'Ziel', kind: 'sample-xml', files: [{ name: 'ziel.xml', content: SMALL_TARGET }] },
    ],
    flows: [
      flow('json-xml', msg('json-src', '', 'antrag.schema.json'), msg('xml-tgt', SMALL_NS.t, 'Nachricht'), JSON_SAMPLE),
      flow('xml-json', msg('xml-src', '', 'serviceportal-fields'), msg('json-tgt', '', 'vorgang.schema.json'), SMALL_SOURCE),
      flow('json-json', msg('json-src', '', 'antrag.schema.json'), msg('json-tgt', '', 'vorgang.schema.json'), JSON_SAMPLE),
    ],
  };
  const r = loadProject(JSON.stringify(raw));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.project;
}
