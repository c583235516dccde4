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
