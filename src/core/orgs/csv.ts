/**
 * Organisations as CSV (one row per organisation), for import from and export to a spreadsheet.
 *
 * Columns (header names case-insensitive; separator ";" or "," or tab, detected from the header):
 *   id                      optional; else derived from name and AGS
 *   name                    required
 *   ags                     8 digits (required for municipalities)
 *   behoerdenkennung        authority id
 *   art                     "kommune" (default) or "test"
 *   stelle                  office responsible for every procedure (LeiKa key) of the project
 *   stelle:<LeiKa>          office responsible for that procedure
 *   zielsystem:<flow>       target system id for the flow
 *   adapter:<flow>          adapter id for the flow
 *   param:<flow>:<name>     parameter value for the flow
 * An empty cell means "not set" (parameters fall back to their default, so an explicitly empty value
 * is only kept when the default is empty too). Offices are named, not numbered: their ids are made from
 * the names (an office of an existing organisation with the same name keeps its id); office authority
 * ids are edited in the app, not in the CSV. Rows are checked one by one:
 * good rows are imported, broken rows are reported with their line number and nothing of them is taken.
 */
import type { Organisation, Project } from '../model/project.ts';
import { freeId, ruleFlows, slugId } from './resolve.ts';
import { validateOrganisation } from './validate.ts';
import { m } from '../i18n.ts';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

/** Splits CSV text into records (RFC 4180 quoting, quoted line breaks, BOM, CRLF). */
export function parseCsv(text: string, separator?: string): { records: CsvRecord[]; separator: string; error?: CsvProblem } {
  const src = text.replace(/^\uFEFF/, '');
  const sep = separator ?? detectSeparator(src);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let cur = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(cur);
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: start, fields });
    fields = [];
    cur = '';
    atFieldStart = true;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cur += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
    } else if (ch === sep) {
      fields.push(cur);
      cur = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      cur += ch;
      atFieldStart = false;
    }
  }
  if (quoted) return { records, separator: sep, error: { line: quoteLine, message: m('Anführungszeichen wird nicht geschlossen.', 'A quotation mark is not closed.') } };
  if (cur !== '' || fields.length) endRecord();
  return { records, separator: sep };
}

function detectSeparator(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const candidates = [';', ',', '\t'].map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ';';
}

type Column =
  | { kind: 'id' | 'name' | 'ags' | 'authorityId' | 'kind' | 'office' }
  | { kind: 'officeFor'; procedure: string }
  | { kind: 'target' | 'adapter'; flowId: string }
  | { kind: 'param'; flowId: string; name: string }
  | { kind: 'unknown'; header: string };

const SIMPLE: Record<string, Column['kind']> = {
  id: 'id',
  name: 'name',
  organisation: 'name',
  ags: 'ags',
  gemeindeschluessel: 'ags',
  gemeindeschlüssel: 'ags',
  behoerdenkennung: 'authorityId',
  behördenkennung: 'authorityId',
  authorityid: 'authorityId',
  art: 'kind',
  kind: 'kind',
  stelle: 'office',
};

function column(header: string, project: Project): Column {
  const h = header.trim();
  const simple = SIMPLE[h.toLowerCase()];
  if (simple) return { kind: simple } as Column;
  const hit = /^(stelle|zielsystem|adapter|param):(.+)$/i.exec(h);
  if (!hit) return { kind: 'unknown', header: h };
  const prefix = hit[1].toLowerCase();
  if (prefix === 'stelle') return { kind: 'officeFor', procedure: hit[2] };
  if (prefix === 'param') {
    const k = hit[2].lastIndexOf(':');
    if (k <= 0) return { kind: 'unknown', header: h };
    return { kind: 'param', flowId: hit[2].slice(0, k), name: hit[2].slice(k + 1) };
  }
  if (!project.flows.some((f) => f.id === hit[2])) return { kind: 'unknown', header: h };
  return { kind: prefix === 'zielsystem' ? 'target' : 'adapter', flowId: hit[2] };
}

export interface CsvImportResult {
  /** Organisations to add or replace (validated; in file order). */
  organisations: Organisation[];
  created: number;
  updated: number;
  /** Broken rows (not imported) and file-level problems. */
  errors: CsvProblem[];
  /** Imported, but worth a look (unknown columns, missing responsible office …). */
  warnings: CsvProblem[];
}

/** Reads organisations from CSV text against the project (its flows, systems and existing organisations). */
export function importOrganisationsCsv(project: Project, text: string): CsvImportResult {
  const result: CsvImportResult = { organisations: [], created: 0, updated: 0, errors: [], warnings: [] };
  const parsed = parseCsv(text);
  if (parsed.error) result.errors.push(parsed.error);
  const [header, ...rows] = parsed.records;
  if (!header) {
    if (!parsed.error) result.errors.push({ line: 1, message: m('Die Datei ist leer.', 'The file is empty.') });
    return result;
  }
  const cols = header.fields.map((h) => column(h, project));
  if (!cols.some((c) => c.kind === 'name')) {
    result.errors.push({ line: header.line, message: m('Spalte "name" fehlt in der Kopfzeile.', 'The header row has no column "name".') });
    return result;
  }
  for (const [i, c] of cols.entries()) {
    if (c.kind === 'unknown') {
      result.warnings.push({ line: header.line, message: m(`Spalte ${i + 1} "${c.header}" ist unbekannt und wird ignoriert.`, `Column ${i + 1} "${c.header}" is unknown and ignored.`) });
    }
    if (c.kind === 'param') {
      const flow = project.flows.find((f) => f.id === c.flowId);
      const col = header.fields[i];
      if (!flow) result.warnings.push({ line: header.line, message: m(`Spalte "${col}": Fluss "${c.flowId}" gibt es nicht; ignoriert.`, `Column "${col}": there is no flow "${c.flowId}"; ignored.`) });
      else if (!flow.mapping.parameters.some((p) => p.name === c.name)) {
        result.warnings.push({ line: header.line, message: m(`Spalte "${col}": Parameter ${c.name} ist im Fluss ${c.flowId} nicht deklariert.`, `Column "${col}": parameter ${c.name} is not declared in flow ${c.flowId}.`) });
      }
    }
  }
  const procedures = [...new Set(ruleFlows(project).map((f) => f.procedureId).filter((x): x is string => !!x))];
  const seen = new Map<string, number>();
  // Everything known so far, so duplicates inside the file and against the project are found.
  const merged = new Map(project.organisations.map((o) => [o.id, o]));

  for (const row of rows) {
    if (row.fields.length > cols.length) {
      result.errors.push({ line: row.line, message: m(`${row.fields.length} Felder, die Kopfzeile hat nur ${cols.length}.`, `${row.fields.length} fields, but the header row has only ${cols.length}.`) });
      continue;
    }
    const get = (kind: Column['kind']) => {
      const i = cols.findIndex((c) => c.kind === kind);
      return i >= 0 ? (row.fields[i] ?? '').trim() : '';
    };
    const name = get('name');
    const ags = get('ags');
    const kindText = get('kind').toLowerCase();
    if (kindText && !['kommune', 'municipality', 'gemeinde', 'test', 'testorganisation'].includes(kindText)) {
      result.errors.push({ line: row.line, message: m(`Art "${get('kind')}" ist unbekannt (kommune oder test).`, `Kind "${get('kind')}" is unknown (kommune or test).`) });
      continue;
    }
    const kind: Organisation['kind'] = kindText.startsWith('test') ? 'test' : 'municipality';
    const explicitId = get('id');
    const byAgs = !explicitId && ags ? project.organisations.find((o) => o.ags === ags && o.kind === kind) : undefined;
    const id = explicitId || byAgs?.id || (ags ? `${slugId(name)}-${ags}` : slugId(name));
    if (seen.has(id)) {
      result.errors.push({ line: row.line, message: m(`Organisation "${id}" steht schon in Zeile ${seen.get(id)}.`, `Organisation "${id}" is already in line ${seen.get(id)}.`) });
      continue;
    }
    const existing = project.organisations.find((o) => o.id === id);
    const org: Organisation = {
      ...(existing ?? { offices: [], responsible: {}, flows: [] }),
      id,
      name,
      kind,
      offices: [...(existing?.offices ?? [])],
      responsible: { ...(existing?.responsible ?? {}) },
      flows: (existing?.flows ?? []).map((f) => ({ ...f, params: { ...f.params } })),
    };
    setOptional(org, 'ags', ags);
    setOptional(org, 'authorityId', get('authorityId'));
    const problems: string[] = [];
    cols.forEach((c, i) => {
      const v = (row.fields[i] ?? '').trim();
      switch (c.kind) {
        case 'office':
          if (v) for (const p of procedures) org.responsible[p] = officeId(org, v);
          break;
        case 'officeFor':
          if (v) org.responsible[c.procedure] = officeId(org, v);
          else delete org.responsible[c.procedure];
          break;
        case 'target':
        case 'adapter': {
          const f = flowSettings(org, c.flowId);
          const key = c.kind === 'target' ? 'targetSystemId' : 'adapterId';
          if (v) f[key] = v;
          else delete f[key];
          break;
        }
        case 'param': {
          if (!project.flows.some((f) => f.id === c.flowId)) break;
          const f = flowSettings(org, c.flowId);
          if (v) f.params[c.name] = v;
          else delete f.params[c.name];
          break;
        }
        case 'id':
        case 'name':
        case 'ags':
        case 'authorityId':
        case 'kind':
        case 'unknown':
          break;
      }
    });
    org.flows = org.flows.filter((f) => f.targetSystemId || f.adapterId || Object.keys(f.params).length);
    merged.set(org.id, org);
    const issues = validateOrganisation(project, org, [...merged.values()]);
    for (const iss of issues) if (iss.severity === 'error') problems.push(iss.message);
    if (problems.length) {
      // Broken: put back what was there before this row.
      if (existing) merged.set(existing.id, existing);
      else merged.delete(org.id);
      result.errors.push({ line: row.line, message: problems.join(' ') });
      continue;
    }
    for (const iss of issues) result.warnings.push({ line: row.line, message: iss.message });
    seen.set(id, row.line);
    result.organisations.push(org);
    if (existing) result.updated++;
    else result.created++;
  }
  return result;
}

function setOptional(org: Organisation, key: 'ags' | 'authorityId', v: string): void {
  if (v) org[key] = v;
  else delete org[key];
}

/** The id of the office named `name`, adding the office when the organisation has none of that name. */
function officeId(org: Organisation, name: string): string {
  const hit = org.offices.find((o) => o.name === name);
  if (hit) return hit.id;
  const id = freeId(slugId(name), org.offices.map((o) => o.id));
  org.offices.push({ id, name });
  return id;
}

function flowSettings(org: Organisation, flowId: string): Organisation['flows'][number] {
  let f = org.flows.find((x) => x.flowId === flowId);
  if (!f) {
    f = { flowId, params: {} };
    org.flows.push(f);
  }
  return f;
}

/** Writes the organisations as CSV (";" separated, the columns importOrganisationsCsv reads). */
export function organisationsToCsv(project: Project): string {
  const flows = ruleFlows(project);
  const procedures = [...new Set(project.organisations.flatMap((o) => Object.keys(o.responsible)))].sort();
  const header = ['id', 'name', 'art', 'ags', 'behoerdenkennung', ...procedures.map((p) => `stelle:${p}`)];
  for (const f of flows) {
    header.push(`zielsystem:${f.id}`, `adapter:${f.id}`, ...f.mapping.parameters.map((p) => `param:${f.id}:${p.name}`));
  }
  const lines = [header];
  for (const o of project.organisations) {
    const row = [o.id, o.name, o.kind === 'test' ? 'test' : 'kommune', o.ags ?? '', o.authorityId ?? ''];
    for (const p of procedures) row.push(o.offices.find((x) => x.id === o.responsible[p])?.name ?? '');
    for (const f of flows) {
      const s = o.flows.find((x) => x.flowId === f.id);
      row.push(s?.targetSystemId ?? '', s?.adapterId ?? '', ...f.mapping.parameters.map((p) => s?.params[p.name] ?? ''));
    }
    lines.push(row);
  }
  return lines.map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}

function csvField(v: string): string {
  return /[;"\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
