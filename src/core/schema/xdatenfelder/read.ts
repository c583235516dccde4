/**
 * Reads an XDatenfelder 2.0 / 3.0.0 document into a small model of the Stammdatenschema (or the
 * root group/field of a 0103/0104 message) with its groups and fields, checking the structure
 * against spec.ts on the way. Every finding carries file and line.
 */
import type { Diagnostic, Severity } from '../../diagnostics.ts';
import { attr, childElements, parseXml, textContent, type XmlElement } from '../../xml/dom.ts';
import type { EnumValue } from '../types.ts';
import { IDENTITY, NS_V2, NS_V3, specOf, V2, V3 } from './spec.ts';
import { m } from '../../i18n.ts';

/** A reference from a group or schema to a child group/field, with its cardinality. */
export interface XdfChild {
  key: string;
  min: number;
  max: number | null;
  line: number;
}

/** A group, a field or the schema itself. */
export interface XdfItem {
  kind: 'schema' | 'group' | 'field';
  id: string;
  version: string;
  /** id:version, unique within the document. */
  key: string;
  name: string;
  label?: string;
  description?: string;
  definition?: string;
  help?: string;
  /** Fields. */
  feldart?: string;
  datentyp?: string;
  constraints: Record<string, string>;
  inhalt?: string;
  codelist?: { id?: string; uri?: string; version?: string; versionUri?: string };
  values: EnumValue[];
  status?: string;
  children: XdfChild[];
  line: number;
}

/** A read document. */
export interface XdfDoc {
  version: '2' | '3';
  file: string;
  root?: XdfItem;
  items: Map<string, XdfItem>;
}

type Table = typeof V2;

class Reader {
  items = new Map<string, XdfItem>();
  constructor(
    private file: string,
    private table: Table,
    private ns: string,
    private out: Diagnostic[],
  ) {}

  report(el: XmlElement, code: string, message: string, severity: Severity = 'error'): void {
    this.out.push({ severity, code, message, location: { file: this.file, line: el.line, column: el.column } });
  }

  /** Checks an element's children against its spec (recursively for structured children). */
  check(el: XmlElement, specName = el.local): void {
    const spec = specOf(this.table, specName);
    const kids = childElements(el);
    if (spec.content === 'free') return;
    if (spec.content === 'code') {
      const c = kids.find((k) => k.local === 'code');
      const value = c ? textContent(c).trim() : '';
      if (!c || !value) this.report(el, 'xdf.missing-code', m(`<${el.name}> ohne <code>.`, `<${el.name}> without <code>.`));
      else if (spec.codes && !spec.codes.includes(value)) {
        const allowed = spec.codes.join(', ');
        this.report(c, 'xdf.invalid-code', m(`Ungültiger Code „${value}“ in <${el.name}>; erlaubt: ${allowed}.`, `Invalid code "${value}" in <${el.name}>; allowed: ${allowed}.`));
      }
      return;
    }
    if (spec.content === 'text') {
      for (const k of kids) {
        this.report(k, 'xdf.unexpected-node', m(`Unerwartetes Element <${k.name}> in <${el.name}> (hier ist nur Text erlaubt).`, `Unexpected element <${k.name}> in <${el.name}> (only text is allowed here).`));
      }
      return;
    }
    const counts = new Map<string, number>();
    for (const k of kids) {
      const occ = k.ns === this.ns ? spec.children?.[k.local] : undefined;
      if (!occ) {
        this.report(k, 'xdf.unexpected-node', m(`Unerwartetes Element <${k.name}> in <${el.name}>.`, `Unexpected element <${k.name}> in <${el.name}>.`));
        continue;
      }
      const n = (counts.get(k.local) ?? 0) + 1;
      counts.set(k.local, n);
      if (occ === 'one' && n === 2) {
        const sev: Severity = IDENTITY.has(k.local) ? 'error' : 'warning';
        this.report(k, 'xdf.duplicate-node', m(`<${k.name}> kommt in <${el.name}> mehrfach vor (erlaubt: einmal).`, `<${k.name}> occurs more than once in <${el.name}> (allowed: once).`), sev);
      }
      // Groups and fields are checked when they are read; everything else here.
      if (k.local !== 'datenfeldgruppe' && k.local !== 'datenfeld' && k.local !== 'stammdatenschema') this.check(k);
    }
    for (const r of spec.required ?? []) {
      const req = `${el.prefix ? el.prefix + ':' : ''}${r}`;
      if (!counts.has(r)) this.report(el, 'xdf.missing-node', m(`<${el.name}> ohne Pflichtelement <${req}>.`, `<${el.name}> without the required element <${req}>.`));
    }
  }

  child(el: XmlElement, local: string): XmlElement | undefined {
    return childElements(el).find((k) => k.ns === this.ns && k.local === local);
  }

  text(el: XmlElement, local: string): string | undefined {
    const c = this.child(el, local);
    const t = c ? textContent(c).replace(/\s+/g, ' ').trim() : '';
    return t || undefined;
  }

  code(el: XmlElement, local: string): string | undefined {
    const c = this.child(el, local);
    const k = c && childElements(c).find((x) => x.local === 'code');
    return k ? textContent(k).trim() || undefined : undefined;
  }

  /** Reads a group, field or schema element; returns its key (undefined when it has no usable id). */
  item(el: XmlElement, kind: XdfItem['kind']): string | undefined {
    this.check(el);
    const ident = this.child(el, 'identifikation');
    const idEl = ident && this.child(ident, 'id');
    const id = idEl ? textContent(idEl).trim() : '';
    if (idEl && !id) {
      this.report(
        idEl,
        'xdf.empty-node',
        m(
          `<${idEl.name}> ist leer: ${kind === 'field' ? 'das Feld' : kind === 'group' ? 'die Gruppe' : 'das Schema'} hat keine Kennung.`,
          `<${idEl.name}> is empty: the ${kind === 'field' ? 'field' : kind === 'group' ? 'group' : 'schema'} has no id.`,
        ),
      );
    }
    const version = (ident && this.text(ident, 'version')) ?? '';
    const name = this.text(el, 'name') ?? '';
    const nameEl = this.child(el, 'name');
    if (nameEl && !name) this.report(nameEl, 'xdf.empty-node', m(`<${nameEl.name}> ist leer.`, `<${nameEl.name}> is empty.`), 'warning');
    const item: XdfItem = {
      kind,
      id,
      version,
      key: `${id}:${version}`,
      name: name || id,
      label: this.text(el, 'bezeichnungEingabe') ?? this.text(el, 'bezeichnung'),
      description: this.text(el, 'beschreibung'),
      definition: this.text(el, 'definition'),
      help: this.text(el, 'hilfetextEingabe') ?? this.text(el, 'hilfetext'),
      constraints: {},
      values: [],
      status: this.code(el, 'freigabestatus') ?? this.code(el, 'status'),
      children: [],
      line: el.line,
    };
    if (kind === 'field') this.fieldFacts(el, item);
    for (const s of childElements(el).filter((k) => k.ns === this.ns && k.local === 'struktur')) {
      const enthaelt = this.child(s, 'enthaelt');
      const target = enthaelt && childElements(enthaelt).find((k) => k.ns === this.ns && (k.local === 'datenfeldgruppe' || k.local === 'datenfeld'));
      if (!target) continue;
      const key = this.item(target, target.local === 'datenfeld' ? 'field' : 'group');
      const card = this.cardinality(s);
      if (key) item.children.push({ key, ...card, line: target.line });
    }
    if (!id) return undefined;
    const prev = this.items.get(item.key);
    if (prev && prev.kind !== item.kind) {
      this.report(
        el,
        'xdf.duplicate-id',
        m(
          `Kennung ${id} (Version ${version || '–'}) ist schon als ${prev.kind === 'field' ? 'Feld' : 'Gruppe'} vergeben (Zeile ${prev.line}).`,
          `Id ${id} (version ${version || '–'}) is already taken by a ${prev.kind === 'field' ? 'field' : 'group'} (line ${prev.line}).`,
        ),
      );
      return undefined;
    }
    if (!prev) this.items.set(item.key, item);
    return item.key;
  }

  cardinality(struktur: XmlElement): { min: number; max: number | null } {
    const el = this.child(struktur, 'anzahl');
    const raw = el ? textContent(el).trim() : '';
    const mm = /^(\d+)\s*:\s*(\d+|\*|n)$/i.exec(raw);
    if (!mm) {
      if (el) this.report(el, 'xdf.invalid-cardinality', m(`Anzahl „${raw}“ ist keine Kardinalität der Form min:max (z. B. 0:1, 1:*).`, `Count "${raw}" is not a cardinality of the form min:max (e.g. 0:1, 1:*).`));
      return { min: 1, max: 1 };
    }
    const min = Number(mm[1]);
    const max = /^\d+$/.test(mm[2]) ? Number(mm[2]) : null;
    if (max !== null && max < min) this.report(el!, 'xdf.invalid-cardinality', m(`Anzahl „${raw}“: Höchstzahl kleiner als Mindestzahl.`, `Count "${raw}": the maximum is less than the minimum.`));
    return { min, max };
  }

  fieldFacts(el: XmlElement, item: XdfItem): void {
    item.feldart = this.code(el, 'feldart');
    item.datentyp = this.code(el, 'datentyp');
    item.inhalt = this.text(el, 'inhalt');
    const p = this.child(el, 'praezisierung');
    if (p) {
      for (const a of ['minLength', 'maxLength', 'minValue', 'maxValue', 'pattern']) {
        const v = attr(p, a);
        if (v !== undefined) item.constraints[a] = v;
      }
      const body = textContent(p).trim();
      // XDatenfelder 2 writes the constraints as a JSON object in the element text.
      if (body.startsWith('{')) {
        try {
          for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>)) if (v !== null && v !== '') item.constraints[k] = String(v);
        } catch {
          this.report(p, 'xdf.invalid-praezisierung', m(`Präzisierung ist kein gültiges JSON: ${body.slice(0, 60)}`, `The precision (Präzisierung) is not valid JSON: ${body.slice(0, 60)}`), 'warning');
        }
      }
    }
    const ref = this.child(el, 'codelisteReferenz');
    if (ref) {
      const gc = this.child(ref, 'genericodeIdentification') ?? ref;
      const ident = this.child(ref, 'identifikation');
      const cl = {
        id: ident && this.text(ident, 'id'),
        uri: this.text(gc, 'canonicalIdentification'),
        version: this.text(gc, 'version'),
        versionUri: this.text(gc, 'canonicalVersionUri'),
      };
      if (cl.id || cl.uri || cl.versionUri) item.codelist = cl;
    }
    const werte = this.child(el, 'werte');
    for (const w of werte ? childElements(werte).filter((k) => k.local === 'wert') : []) {
      const code = this.text(w, 'code');
      if (code === undefined) continue;
      const doc = [this.text(w, 'name'), this.text(w, 'hilfe')].filter(Boolean).join(' – ');
      item.values.push(doc ? { value: code, documentation: doc } : { value: code });
    }
  }
}

/** Reads one XDatenfelder document. Never throws. */
export function readXdf(file: string, content: string, out: Diagnostic[]): XdfDoc | undefined {
  const r = parseXml(content, file);
  if (!r.ok) {
    out.push(r.error);
    return undefined;
  }
  const root = r.doc.root;
  const version = root.ns === NS_V2 ? '2' : root.ns === NS_V3 ? '3' : undefined;
  if (!version) {
    const known = /xdatenfelder/i.test(root.ns) || /^xdatenfelder\./.test(root.local);
    out.push({
      severity: 'error',
      code: known ? 'xdf.unknown-namespace' : 'xdf.not-xdatenfelder',
      message: known
        ? m(`Unbekannter XDatenfelder-Namensraum „${root.ns}“; unterstützt: ${NS_V2} und ${NS_V3}.`, `Unknown XDatenfelder namespace "${root.ns}"; supported: ${NS_V2} and ${NS_V3}.`)
        : m(
            `Kein XDatenfelder-Dokument: Wurzelelement <${root.name}>${root.ns ? ` im Namensraum „${root.ns}“` : ''}.`,
            `Not an XDatenfelder document: root element <${root.name}>${root.ns ? ` in the namespace "${root.ns}"` : ''}.`,
          ),
      location: { file, line: root.line, column: root.column },
    });
    return undefined;
  }
  const reader = new Reader(file, version === '2' ? V2 : V3, root.ns, out);
  const doc: XdfDoc = { version, file, items: reader.items };
  if (!/^xdatenfelder\./.test(root.local)) {
    reader.report(root, 'xdf.unknown-message', m(`Unbekannte XDatenfelder-Nachricht <${root.name}>.`, `Unknown XDatenfelder message <${root.name}>.`));
    return doc;
  }
  reader.check(root, 'message');
  const main = childElements(root).find((k) => k.ns === root.ns && ['stammdatenschema', 'datenfeldgruppe', 'datenfeld'].includes(k.local));
  if (!main) {
    reader.report(root, 'xdf.missing-node', m(`<${root.name}> enthält weder Stammdatenschema noch Datenfeldgruppe noch Datenfeld.`, `<${root.name}> contains neither a Stammdatenschema nor a Datenfeldgruppe nor a Datenfeld.`));
    return doc;
  }
  const kind = main.local === 'stammdatenschema' ? 'schema' : main.local === 'datenfeld' ? 'field' : 'group';
  const key = reader.item(main, kind);
  doc.root = key ? reader.items.get(key) : undefined;
  return doc;
}
