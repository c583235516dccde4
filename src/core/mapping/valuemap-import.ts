/**
 * Value maps (lookup tables) from genericode code lists (XÖV code lists ship as genericode, e.g. the
 * xdomea code_lists/) and from CSV. Broken input gives located diagnostics; good rows are kept.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { ValueMap } from '../model/project.ts';
import { childElements, parseXml, textContent, attr, type XmlElement } from '../xml/dom.ts';
import { m } from '../i18n.ts';

const GC = 'http://docs.oasis-open.org/codelist/ns/genericode/1.0/';

export interface GenericodeList {
  name: string;
  uri?: string;
  version?: string;
  columns: { id: string; name: string }[];
  rows: Record<string, string>[];
}

function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el ? childElements(el).find((c) => c.local === local) : undefined;
}

/** Reads a genericode code list. */
export function readGenericode(text: string, file = m('Codeliste', 'Code list')): { list?: GenericodeList; diagnostics: Diagnostic[] } {
  const r = parseXml(text, file);
  if (!r.ok) return { diagnostics: [r.error] };
  const root = r.doc.root;
  if (root.local !== 'CodeList' || root.ns !== GC) {
    return { diagnostics: [{ severity: 'error', code: 'genericode.not-a-codelist', message: m(`Keine genericode-Codeliste (Wurzel ${root.name}).`, `Not a genericode code list (root ${root.name}).`), location: { file, line: root.line } }] };
  }
  const ident = child(root, 'Identification');
  const name = textContent(child(ident, 'LongName') ?? child(ident, 'ShortName') ?? root).trim() || file;
  const columns = childElements(child(root, 'ColumnSet') ?? root)
    .filter((c) => c.local === 'Column')
    .map((c) => ({ id: attr(c, 'Id') ?? '', name: textContent(child(c, 'LongName') ?? child(c, 'ShortName') ?? c).trim() }));
  const rows: Record<string, string>[] = [];
  for (const row of childElements(child(root, 'SimpleCodeList') ?? root).filter((c) => c.local === 'Row')) {
    const rec: Record<string, string> = {};
    for (const v of childElements(row).filter((c) => c.local === 'Value')) {
      const ref = attr(v, 'ColumnRef');
      if (ref) rec[ref] = textContent(child(v, 'SimpleValue') ?? v).trim();
    }
    rows.push(rec);
  }
  return {
    list: { name, uri: textContent(child(ident, 'CanonicalUri') ?? root).trim() || undefined, version: textContent(child(ident, 'Version') ?? root).trim() || undefined, columns, rows },
    diagnostics: [],
  };
}

/** A value map from two columns of a code list (e.g. description → code). */
export function valueMapFromGenericode(list: GenericodeList, id: string, fromColumn: string, toColumn: string): ValueMap {
  return {
    id,
    name: list.name,
    rows: list.rows.filter((r) => r[fromColumn] !== undefined && r[toColumn] !== undefined).map((r) => ({ from: r[fromColumn], to: r[toColumn] })),
  };
}

/** Parses "from;to" or "from,to" CSV (quotes allowed; first line may be a header "from,to"). */
export function valueMapRowsFromCsv(text: string, file = 'CSV'): { rows: { from: string; to: string }[]; diagnostics: Diagnostic[] } {
  const rows: { from: string; to: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const sep = (lines[0] ?? '').includes(';') ? ';' : ',';
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const cells = splitCsv(line, sep);
    if (!cells) {
      diagnostics.push({ severity: 'error', code: 'csv.quote', message: m('Nicht geschlossenes Anführungszeichen.', 'Unclosed quotation mark.'), location: { file, line: i + 1 } });
      return;
    }
    if (i === 0 && /^(from|von|quelle|wert)$/i.test(cells[0]?.trim() ?? '')) return;
    if (cells.length < 2) {
      diagnostics.push({ severity: 'error', code: 'csv.columns', message: m(`Zeile hat ${cells.length} Spalte(n), erwartet 2.`, `The line has ${cells.length} column(s), expected 2.`), location: { file, line: i + 1 } });
      return;
    }
    rows.push({ from: cells[0], to: cells[1] });
  });
  return { rows, diagnostics };
}

function splitCsv(line: string, sep: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (q) return undefined;
  out.push(cur);
  return out;
}
