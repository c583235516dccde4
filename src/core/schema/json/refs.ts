/**
 * `$ref` resolution across the uploaded JSON Schema files, never over the network. Each file gets
 * a base URI (its `$id`, else `file:///<name>`); embedded `$id`s and `$anchor`s (draft-07 `"$id":
 * "#name"` too) are indexed in one walk. A reference is resolved against the base in scope, then
 * looked up by URI, by relative file path, by the catalog (reference or URI → file name) and
 * finally by file base name, so `./CommonTypes.schema.json`, `../CommonTypes.schema.json` and
 * `http://example.com/schemas/common-types.json` all find an uploaded file.
 */
import { normPath } from '../xsd/load.ts';
import type { JsonFile } from './parse.ts';

/** A schema (sub-)value and where it sits: file, JSON path in the file, base URI in scope. */
export interface SLoc {
  file: JsonFile;
  path: (string | number)[];
  value: unknown;
  base: string;
}

/** An object value, or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Keywords whose values are data, not schemas: never walked for $id/$ref. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'examples', 'default', 'example']);

/** The resolution outcome: a location, or why not. */
export type Resolved = { ok: true; loc: SLoc } | { ok: false; reason: 'no-file' | 'no-target' | 'bad-ref'; uri: string };

function fileUri(name: string): string {
  return 'file:///' + normPath(name).replace(/^\//, '').split('/').map(encodeURIComponent).join('/');
}

function stripHash(u: string): string {
  const i = u.indexOf('#');
  return i < 0 ? u : u.slice(0, i);
}

function baseName(u: string): string {
  const p = stripHash(u).replace(/[?].*$/, '');
  return decodeURIComponent(p.slice(p.lastIndexOf('/') + 1));
}

/** Decodes a JSON pointer ("/a~1b/0") into segments. */
export function pointerSegments(ptr: string): string[] {
  if (!ptr) return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The index over all files. */
export class Registry {
  readonly files: JsonFile[];
  private byUri = new Map<string, SLoc>();
  private anchors = new Map<string, SLoc>();
  private byPath = new Map<string, JsonFile>();
  private byBase = new Map<string, JsonFile[]>();
  private roots = new Map<JsonFile, SLoc>();
  /** Every `$ref`-like keyword found, for the eager check. */
  readonly refs: { loc: SLoc; keyword: string; ref: string }[] = [];

  constructor(files: JsonFile[], private catalog: Record<string, string> = {}) {
    this.files = files;
    for (const f of files) {
      this.byPath.set(normPath(f.name), f);
      const b = baseName(f.name);
      const arr = this.byBase.get(b) ?? [];
      arr.push(f);
      this.byBase.set(b, arr);
      const root: SLoc = { file: f, path: [], value: f.value, base: fileUri(f.name) };
      const first = this.walk(root);
      this.roots.set(f, first);
      this.byUri.set(root.base, first);
    }
  }

  /** The root location of a file (base = its $id when it has one). */
  root(f: JsonFile): SLoc {
    return this.roots.get(f)!;
  }

  /** A file by name as uploaded. */
  file(name: string): JsonFile | undefined {
    return this.byPath.get(normPath(name));
  }

  /** A child location (keeps base unless the child declares an $id). */
  child(loc: SLoc, ...seg: (string | number)[]): SLoc {
    let value: unknown = loc.value;
    for (const s of seg) value = value == null ? undefined : (value as Record<string | number, unknown>)[s];
    return this.enter({ file: loc.file, path: [...loc.path, ...seg], value, base: loc.base });
  }

  private enter(loc: SLoc): SLoc {
    const o = obj(loc.value);
    // draft-04 spells it "id".
    const id = o && (typeof o.$id === 'string' ? o.$id : typeof o.id === 'string' ? o.id : undefined);
    if (!id || id.startsWith('#')) return loc;
    try {
      return { ...loc, base: stripHash(new URL(id, loc.base).href) };
    } catch {
      return loc;
    }
  }

  // Indexes $id/$anchor and collects $refs below a location; returns the location with its base.
  private walk(start: SLoc): SLoc {
    const first = this.enter(start);
    const stack: SLoc[] = [first];
    while (stack.length) {
      const loc = stack.pop()!;
      const v = loc.value;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null && typeof v[i] === 'object') stack.push(this.enter({ ...loc, path: [...loc.path, i], value: v[i] }));
        continue;
      }
      const o = obj(v);
      if (!o) continue;
      // The first location seen with a base is the resource it names (walk is pre-order).
      if (!this.byUri.has(loc.base)) this.byUri.set(loc.base, loc);
      const anchor = typeof o.$anchor === 'string' ? o.$anchor : typeof o.$dynamicAnchor === 'string' ? o.$dynamicAnchor : typeof o.$id === 'string' && o.$id.startsWith('#') ? o.$id.slice(1) : undefined;
      if (anchor) this.anchors.set(`${loc.base}#${anchor}`, loc);
      for (const kw of ['$ref', '$dynamicRef', '$recursiveRef']) if (typeof o[kw] === 'string') this.refs.push({ loc, keyword: kw, ref: o[kw] as string });
      const keys = Object.keys(o);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        const c = o[k];
        if (DATA_KEYWORDS.has(k) || c === null || typeof c !== 'object') continue;
        // Under "properties" etc. the keys are member names, their values schemas: walk on.
        stack.push(this.enter({ file: loc.file, path: [...loc.path, k], value: c, base: loc.base }));
      }
    }
    return first;
  }

  /** Resolves a reference written at `from`. */
  resolve(from: SLoc, ref: string, keyword = '$ref'): Resolved {
    let abs: URL;
    try {
      abs = new URL(keyword === '$recursiveRef' ? '#' : ref, from.base);
    } catch {
      return { ok: false, reason: 'bad-ref', uri: ref };
    }
    const uri = stripHash(abs.href);
    const frag = abs.hash ? decodeURIComponent(abs.hash.slice(1)) : '';
    const resource = this.resource(uri, ref);
    if (!resource) return { ok: false, reason: 'no-file', uri: stripHash(ref) || uri };
    if (!frag) return { ok: true, loc: resource };
    if (!frag.startsWith('/')) {
      const a = this.anchors.get(`${resource.base}#${frag}`) ?? this.anchors.get(`${uri}#${frag}`);
      return a ? { ok: true, loc: a } : { ok: false, reason: 'no-target', uri: ref };
    }
    let loc = resource;
    for (const seg of pointerSegments(frag)) {
      const v = loc.value;
      const key = Array.isArray(v) && /^\d+$/.test(seg) ? Number(seg) : seg;
      if (v === null || typeof v !== 'object' || !(key in (v as object))) return { ok: false, reason: 'no-target', uri: ref };
      loc = this.child(loc, key);
    }
    return { ok: true, loc };
  }

  private resource(uri: string, ref: string): SLoc | undefined {
    const hit = this.byUri.get(uri);
    if (hit) return hit;
    const bare = stripHash(ref);
    const cat = this.catalog[bare] ?? this.catalog[uri];
    if (cat) {
      const f = this.file(cat);
      if (f) return this.root(f);
    }
    if (uri.startsWith('file:///')) {
      const f = this.byPath.get(normPath(decodeURIComponent(uri.slice(8))));
      if (f) return this.root(f);
    }
    const candidates = this.byBase.get(baseName(uri)) ?? [];
    return candidates.length ? this.root(candidates[0]) : undefined;
  }
}
