/**
 * What XDatenfelder 2.0 and 3.0.0 documents may contain, as small tables: for each element the
 * children it allows, how often, and which are required; code lists whose values we check.
 * Just enough to catch what goes wrong in practice (unexpected or duplicated nodes, missing or
 * empty ids, invalid codes) with file and line — it is not a full XSD validation.
 */

export const NS_V2 = 'urn:xoev-de:fim:standard:xdatenfelder_2';
export const NS_V3 = 'urn:xoev-de:fim:standard:xdatenfelder_3.0.0';

/** How a child may occur: once at most, or repeatedly. */
export type Occ = 'one' | 'many';

/** The rule for one element: text content, a code (`<code>` child), free content, or children. */
export interface Spec {
  content: 'text' | 'code' | 'free' | 'children';
  children?: Record<string, Occ>;
  required?: string[];
  /** Valid codes for a code element, when we know the list. */
  codes?: readonly string[];
}

const text: Spec = { content: 'text' };
const free: Spec = { content: 'free' };
const code = (codes?: readonly string[]): Spec => ({ content: 'code', codes });

/** Child elements whose duplication makes the document ambiguous: an error, not a warning. */
export const IDENTITY = new Set(['id', 'version', 'name', 'anzahl', 'enthaelt', 'feldart', 'datentyp', 'identifikation', 'freigabestatus', 'status', 'schemaelementart']);

const SCHEMAELEMENTART = ['ABS', 'HAR', 'RNG'];
const FELDART = ['input', 'select', 'label', 'hidden', 'locked'];
const DATENTYP_V2 = ['text', 'date', 'bool', 'num', 'num_int', 'num_currency', 'file', 'obj'];
const DATENTYP_V3 = [...DATENTYP_V2, 'text_latin', 'time', 'datetime'];
/** urn:xoev-de:xprozess:codeliste:status (2020-03-19 / 2022-07-12). */
export const FREIGABESTATUS: Record<string, string> = {
  '1': 'in Planung',
  '2': 'in Bearbeitung',
  '3': 'Entwurf',
  '4': 'methodisch freigegeben',
  '5': 'fachlich freigegeben (silber)',
  '6': 'fachlich freigegeben (gold)',
  '7': 'inaktiv',
  '8': 'vorgesehen zum Löschen',
};

type Table = Record<string, Spec>;

const one = (...names: string[]) => Object.fromEntries(names.map((n) => [n, 'one' as Occ]));
const many = (...names: string[]) => Object.fromEntries(names.map((n) => [n, 'many' as Occ]));

const COMMON_V2 = one('identifikation', 'name', 'bezeichnungEingabe', 'bezeichnungAusgabe', 'beschreibung', 'definition', 'bezug', 'status', 'gueltigAb', 'gueltigBis', 'fachlicherErsteller', 'versionshinweis', 'freigabedatum', 'veroeffentlichungsdatum');
const ELEMENT_V2 = { ...COMMON_V2, ...one('schemaelementart', 'hilfetextEingabe', 'hilfetextAusgabe') };

/** XDatenfelder 2.0. */
export const V2: Table = {
  message: { content: 'children', children: { ...one('header', 'stammdatenschema', 'datenfeldgruppe', 'datenfeld') } },
  header: { content: 'children', children: one('nachrichtID', 'erstellungszeitpunkt', 'referenzID'), required: ['nachrichtID'] },
  stammdatenschema: {
    content: 'children',
    children: { ...COMMON_V2, ...one('hilfetext', 'ableitungsmodifikationenStruktur', 'ableitungsmodifikationenRepraesentation', 'dokumentart'), ...many('regel', 'struktur') },
    required: ['identifikation', 'name'],
  },
  datenfeldgruppe: { content: 'children', children: { ...ELEMENT_V2, ...many('regel', 'struktur') }, required: ['identifikation', 'name'] },
  datenfeld: {
    content: 'children',
    children: { ...ELEMENT_V2, ...one('feldart', 'datentyp', 'praezisierung', 'inhalt', 'codelisteReferenz'), ...many('regel') },
    required: ['identifikation', 'name'],
  },
  regel: { content: 'children', children: { ...COMMON_V2, ...one('script') }, required: ['identifikation'] },
  struktur: { content: 'children', children: one('anzahl', 'bezug', 'enthaelt'), required: ['anzahl', 'enthaelt'] },
  enthaelt: { content: 'children', children: one('datenfeldgruppe', 'datenfeld') },
  identifikation: { content: 'children', children: one('id', 'version'), required: ['id'] },
  codelisteReferenz: { content: 'children', children: one('identifikation', 'genericodeIdentification') },
  genericodeIdentification: { content: 'children', children: one('canonicalIdentification', 'version', 'canonicalVersionUri') },
  status: code(),
  schemaelementart: code(SCHEMAELEMENTART),
  feldart: code(FELDART),
  datentyp: code(DATENTYP_V2),
  ableitungsmodifikationenStruktur: code(),
  ableitungsmodifikationenRepraesentation: code(),
  dokumentart: code(),
};

const BASE_V3 = {
  ...one('identifikation', 'name', 'beschreibung', 'definition', 'freigabestatus', 'statusGesetztAm', 'statusGesetztDurch', 'gueltigAb', 'gueltigBis', 'versionshinweis', 'veroeffentlichungsdatum', 'letzteAenderung'),
  ...many('bezug', 'relation', 'stichwort'),
};
const ELEMENT_V3 = { ...BASE_V3, ...one('bezeichnungEingabe', 'bezeichnungAusgabe', 'schemaelementart', 'hilfetextEingabe', 'hilfetextAusgabe') };

/** XDatenfelder 3.0.0. */
export const V3: Table = {
  message: { content: 'children', children: { ...one('header', 'stammdatenschema', 'datenfeldgruppe', 'datenfeld') } },
  header: { content: 'children', children: one('nachrichtID', 'erstellungszeitpunkt', 'referenzID'), required: ['nachrichtID'] },
  stammdatenschema: {
    content: 'children',
    children: { ...BASE_V3, ...one('bezeichnung', 'hilfetext', 'ableitungsmodifikationenStruktur', 'ableitungsmodifikationenRepraesentation', 'dokumentsteckbrief'), ...many('regel', 'struktur') },
    required: ['identifikation', 'name'],
  },
  datenfeldgruppe: { content: 'children', children: { ...ELEMENT_V3, ...one('art'), ...many('regel', 'struktur') }, required: ['identifikation', 'name'] },
  datenfeld: {
    content: 'children',
    children: {
      ...ELEMENT_V3,
      ...one('feldart', 'datentyp', 'praezisierung', 'inhalt', 'vorbefuellung', 'codelisteReferenz', 'codeKey', 'nameKey', 'helpKey', 'werte', 'maxSize'),
      ...many('mediaType', 'regel'),
    },
    required: ['identifikation', 'name'],
  },
  regel: {
    content: 'children',
    children: { ...one('identifikation', 'name', 'beschreibung', 'freitextRegel', 'fachlicherErsteller', 'letzteAenderung', 'typ', 'skript'), ...many('bezug', 'stichwort', 'param', 'ziel', 'fehler') },
    required: ['identifikation'],
  },
  struktur: { content: 'children', children: { ...one('anzahl', 'enthaelt'), ...many('bezug') }, required: ['anzahl', 'enthaelt'] },
  enthaelt: { content: 'children', children: one('datenfeldgruppe', 'datenfeld') },
  identifikation: { content: 'children', children: one('id', 'version'), required: ['id'] },
  relation: { content: 'children', children: one('praedikat', 'objekt') },
  objekt: { content: 'children', children: one('id', 'version') },
  codelisteReferenz: { content: 'children', children: one('canonicalIdentification', 'version', 'canonicalVersionUri') },
  werte: { content: 'children', children: many('wert') },
  wert: { content: 'children', children: one('code', 'name', 'hilfe'), required: ['code'] },
  freigabestatus: code(Object.keys(FREIGABESTATUS)),
  schemaelementart: code(SCHEMAELEMENTART),
  feldart: code(FELDART),
  datentyp: code(DATENTYP_V3),
  vorbefuellung: code(['keine', 'optional', 'verpflichtend']),
  typ: code(['K', 'M', 'V', 'B']),
  praedikat: code(['ABL', 'ERS', 'EQU', 'VKN']),
  art: code(),
  ableitungsmodifikationenStruktur: code(),
  ableitungsmodifikationenRepraesentation: code(),
  dokumentsteckbrief: free,
  param: free,
  ziel: free,
  fehler: free,
};

/** The spec of an element by local name; text when not listed (leaf values like name, id). */
export function specOf(table: Table, local: string): Spec {
  return table[local] ?? text;
}
