/**
 * Reading a project file: JSON syntax → format detection → migrations → zod validation.
 * Every failure is a located diagnostic (line and column in the file, and the model path).
 */
import { findNodeAtLocation, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics.ts';
import { z } from 'zod';
import { FORMAT_VERSION, ProjectSchema, type Project } from './project.ts';
import { m, messageLang } from '../i18n.ts';

// zod's own words in the core's message language (per parse; the model's own messages win).
const ZOD_LOCALES = { de: z.locales.de(), en: z.locales.en() };

// The few German messages written into the model's schema (project.ts), in English. A message not
// listed here stays as written.
const MODEL_MESSAGES_EN: Readonly<Record<string, string>> = {
  'Parametername muss ein gültiger XML-Name sein': 'A parameter name must be a valid XML name',
  'Tabellen-ID muss ein gültiger XML-Name sein': 'A table id must be a valid XML name',
  'Variablenname muss ein gültiger XML-Name sein': 'A variable name must be a valid XML name',
};

/** zod's error map for the current core message language: pass as `safeParse(x, { error: zodLocaleError() })`. */
export function zodLocaleError(): z.core.$ZodErrorMap {
  return ZOD_LOCALES[messageLang()].localeError;
}

export type LoadResult = { ok: true; project: Project; migratedFrom?: number } | { ok: false; errors: Diagnostic[] };

/** Migrations from older format versions: migrations[n] turns version n into n + 1. */
const migrations: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function pathString(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Parses and validates project file text. Never throws. */
export function loadProject(text: string, file = m('Projektdatei', 'project file')): LoadResult {
  const errs: ParseError[] = [];
  const tree = parseTree(text, errs, { allowTrailingComma: false, disallowComments: true });
  if (errs.length || !tree) {
    const e = errs[0];
    const pos = e ? lineCol(text, e.offset) : { line: 1, column: 1 };
    return {
      ok: false,
      errors: [
        {
          severity: 'error',
          code: 'project.json-syntax',
          message: m(
            `Die Datei ist kein gültiges JSON (${e ? printParseErrorCode(e.error) : 'leer'}).`,
            `The file is not valid JSON (${e ? printParseErrorCode(e.error) : 'empty'}).`,
          ),
          location: { file, ...pos },
        },
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ severity: 'error', code: 'project.json-syntax', message: String(e), location: { file } }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('formatVersion' in data)) {
    return {
      ok: false,
      errors: [
        {
          severity: 'error',
          code: 'project.foreign-file',
          message: m('Das ist keine Regelwerk-Projektdatei: das Feld "formatVersion" fehlt.', 'This is not a Regelwerk project file: the field "formatVersion" is missing.'),
          location: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  let obj = data as Record<string, unknown>;
  const version = obj.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(file, 'project.bad-version', m(`Unbekannte formatVersion ${JSON.stringify(version)}.`, `Unknown formatVersion ${JSON.stringify(version)}.`), text, tree, ['formatVersion']);
  }
  if (version > FORMAT_VERSION) {
    return fail(
      file,
      'project.newer-version',
      m(
        `Die Datei hat formatVersion ${version}; diese Regelwerk-Version kennt nur bis ${FORMAT_VERSION}. Bitte Regelwerk aktualisieren.`,
        `The file has formatVersion ${version}; this version of Regelwerk knows up to ${FORMAT_VERSION} only. Please update Regelwerk.`,
      ),
      text,
      tree,
      ['formatVersion'],
    );
  }
  for (let v = version; v < FORMAT_VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) return fail(file, 'project.no-migration', m(`Keine Migration von formatVersion ${v}.`, `No migration from formatVersion ${v}.`), text, tree, ['formatVersion']);
    obj = { ...migrate(obj), formatVersion: v + 1 };
  }
  const parsed = ProjectSchema.safeParse(obj, { error: zodLocaleError() });
  if (!parsed.success) {
    const errors: Diagnostic[] = parsed.error.issues.slice(0, 20).map((iss) => {
      const node = findNodeAtLocation(tree, iss.path as (string | number)[]);
      const pos = node ? lineCol(text, node.offset) : undefined;
      return {
        severity: 'error' as const,
        code: 'project.invalid',
        message: `${pathString(iss.path) || m('(Wurzel)', '(root)')}: ${m(iss.message, MODEL_MESSAGES_EN[iss.message] ?? iss.message)}`,
        location: { file, ...pos, path: pathString(iss.path) },
      };
    });
    return { ok: false, errors };
  }
  const ids = duplicateIds(parsed.data);
  if (ids.length) return { ok: false, errors: ids.map((d) => ({ ...d, location: { ...d.location, file } })) };
  return { ok: true, project: parsed.data, migratedFrom: version < FORMAT_VERSION ? version : undefined };
}

function fail(file: string, code: string, message: string, text: string, tree: ReturnType<typeof parseTree>, path: string[]): LoadResult {
  const node = tree ? findNodeAtLocation(tree, path) : undefined;
  const pos = node ? lineCol(text, node.offset) : undefined;
  return { ok: false, errors: [{ severity: 'error', code, message, location: { file, ...pos, path: path.join('.') } }] };
}

function duplicateIds(p: Project): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) out.push({ severity: 'error', code: 'project.duplicate-id', message: m(`${kind}-ID "${id}" kommt mehrfach vor.`, `${kind} id "${id}" occurs more than once.`) });
      seen.add(id);
    }
  };
  check('System', p.systems.map((s) => s.id));
  check(m('Fluss', 'Flow'), p.flows.map((f) => f.id));
  check('Schema', p.schemas.map((s) => s.id));
  return out;
}

/** Serialises a project deterministically (stable key order as in the model, 2-space indent). */
export function saveProject(p: Project): string {
  return JSON.stringify(p, null, 2) + '\n';
}
