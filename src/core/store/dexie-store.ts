/**
 * IndexedDB persistence with dexie. A project is stored as a small head row plus parts: the systems,
 * the organisations, each schema set, and per flow its landscape-and-rule part, its samples and its
 * tests, each as JSON text. The model is immutable (an edit makes new objects only along its path), so
 * a save writes only the parts whose objects this store has not written or read yet: a mapping edit
 * writes that flow's rule part (a few KB) instead of re-serialising a project with megabytes of schemas
 * and sample messages on the UI thread. Parts are never changed in place, only added and deleted, and a
 * save writes its new parts, the head and the deletions in one transaction, so what is stored is always
 * one complete version. When the page is left, putNow writes only the new parts and the head as a
 * pending version (meta `pending:<id>`), which the next read takes if it is newer and complete; the same
 * version also goes to a journal (localStorage), for when Chromium drops that transaction with the page.
 * Reading assembles the project's JSON text and loads it like a file (format, migrations, zod), so a
 * record that somehow became corrupt is reported on open instead of breaking the app. Rows of the first
 * layout (the whole project as one JSON text) are still read.
 */
import Dexie, { type Table } from 'dexie';
import { m } from '../i18n.ts';
import { loadProject } from '../model/load.ts';
import type { Project } from '../model/project.ts';
import { assemble, headOf, refKeys, rulePart, type PartRefs } from './parts.ts';
import type { ProjectStore, ProjectSummary } from './types.ts';

interface ProjectRow {
  id: string;
  name: string;
  updatedAt: number;
  /** First layout: the whole project as JSON text. */
  json?: string;
  /** The project's own fields (all but systems, organisations, schemas, flows) as JSON text. */
  head?: string;
  parts?: PartRefs;
}

interface PartRow {
  key: string;
  project: string;
  json: string;
}

interface MetaRow {
  key: string;
  value: string;
}

class RegelwerkDb extends Dexie {
  projects!: Table<ProjectRow, string>;
  parts!: Table<PartRow, string>;
  meta!: Table<MetaRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ projects: 'id, updatedAt', meta: 'key' });
    // Version 2 adds the parts; rows of version 1 stay readable as they are and are split on their next save.
    this.version(2).stores({ projects: 'id, updatedAt', meta: 'key', parts: 'key, project' });
  }
}

export class ProjectLoadError extends Error {}

/** Meta key of a project version saved while the page was left (see putNow). */
const pendingKey = (id: string) => `pending:${id}`;

/** The pending version's head row, or undefined when its text is unreadable (the stored version opens, the read's clean-up drops it). */
function pendingRow(text: string): ProjectRow | undefined {
  try {
    const row = JSON.parse(text) as ProjectRow;
    return row && typeof row === 'object' && typeof row.updatedAt === 'number' ? row : undefined;
  } catch {
    return undefined;
  }
}

let seq = 0;
function newKey(projectId: string): string {
  return `${projectId}/${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A small synchronous key-value store that outlives the page (localStorage in the app). IndexedDB
 * writes issued while the page is being left are aborted when Chromium tears the page down before they
 * commit (seen in the walking-skeleton e2e: the pending version was missing after a reload); a
 * localStorage write made in pagehide is there for the next page every time.
 */
export interface SaveJournal {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Journal key of a project version saved while the page was left (see putNow). */
const journalKey = (id: string) => `regelwerk-leaving:${id}`;

interface Journaled {
  row: ProjectRow;
  parts: PartRow[];
}

/** Creates the IndexedDB-backed store (database name overridable for tests; the journal: see SaveJournal). */
export function createDexieStore(dbName = 'regelwerk', options: { journal?: SaveJournal } = {}): ProjectStore {
  const db = new RegelwerkDb(dbName);
  const journal = options.journal;

  /** The version the journal holds for `id` with its text, or undefined (none, or unreadable: then it is removed). */
  function journaled(id: string): (Journaled & { text: string }) | undefined {
    let text: string | null | undefined;
    try {
      text = journal?.get(journalKey(id));
    } catch {
      return undefined;
    }
    if (!text) return undefined;
    try {
      const j = JSON.parse(text) as Journaled;
      if (j && typeof j.row?.updatedAt === 'number' && j.row.head && j.row.parts && Array.isArray(j.parts)) return { ...j, text };
    } catch {
      // not JSON: below
    }
    // A cut-off or damaged entry can never be taken; it would only be read again on every open.
    dropJournal(id, text);
    return undefined;
  }

  /** Empties the journal of `id` if it still holds exactly `text` (not a newer version written since). */
  function dropJournal(id: string, text: string): void {
    try {
      if (journal?.get(journalKey(id)) === text) journal.remove(journalKey(id));
    } catch {
      // A journal that cannot be changed is only not cleaned up; the next read ignores it when it is older.
    }
  }

  /** Per project id: the part key of every object this store wrote or read (its text is stored under it). */
  const written = new Map<string, WeakMap<object, string>>();
  /** Per project id: the parts of the version this store last wrote or read (deleted when replaced). */
  const lastRefs = new Map<string, PartRefs>();
  /** Per project id: parts this store deleted; an object still mapped to one (undo) is written anew. */
  const deleted = new Map<string, Set<string>>();

  /** What a save of `project` writes: new parts, reused ones (texts on demand), the head row, parts to drop. */
  function planSave(project: Project, withStale = true) {
    const id = project.id;
    let w = written.get(id);
    if (!w) written.set(id, (w = new WeakMap()));
    const known = w;
    const gone = deleted.get(id);
    const fresh: PartRow[] = [];
    const freshObjects = new Map<object, string>();
    const reused = new Map<string, () => string>();
    const part = (obj: object, text: () => string): string => {
      let key = freshObjects.get(obj) ?? known.get(obj);
      if (key && gone?.has(key)) key = undefined;
      if (key) {
        if (!freshObjects.has(obj)) reused.set(key, text);
      } else {
        key = newKey(id);
        freshObjects.set(obj, key);
        fresh.push({ key, project: id, json: text() });
      }
      return key;
    };
    const refs: PartRefs = {
      systems: part(project.systems, () => JSON.stringify(project.systems)),
      organisations: part(project.organisations, () => JSON.stringify(project.organisations)),
      schemas: project.schemas.map((s) => part(s, () => JSON.stringify(s))),
      flows: project.flows.map((f) => ({
        rule: part(f, () => JSON.stringify(rulePart(f))),
        samples: part(f.samples, () => JSON.stringify(f.samples)),
        tests: part(f.tests, () => JSON.stringify(f.tests)),
      })),
    };
    const row: ProjectRow = { id, name: project.name, updatedAt: Date.now(), head: JSON.stringify(headOf(project)), parts: refs };
    const used = new Set(refKeys(refs));
    const prev = lastRefs.get(id);
    const stale = prev && withStale ? [...new Set(refKeys(prev))].filter((k) => !used.has(k)) : [];
    return {
      fresh,
      reused,
      row,
      stale,
      /** After the commit: the new parts are stored, remember them for the next save (and, when this is the stored version, its parts). */
      done(stored: boolean) {
        for (const [obj, key] of freshObjects) known.set(obj, key);
        if (!stored) return;
        lastRefs.set(id, refs);
        if (stale.length) {
          if (!deleted.has(id)) deleted.set(id, new Set());
          for (const k of stale) deleted.get(id)!.add(k);
        }
      },
    };
  }

  /** The texts of all parts `refs` names (those in `extra` from there), or undefined when one is missing. */
  async function readParts(refs: PartRefs, extra?: ReadonlyMap<string, string>): Promise<Map<string, string> | undefined> {
    const texts = new Map<string, string>();
    const keys: string[] = []; // those to read from IndexedDB
    for (const k of new Set(refKeys(refs))) {
      const t = extra?.get(k);
      if (t === undefined) keys.push(k);
      else texts.set(k, t);
    }
    const rows = await db.parts.bulkGet(keys);
    for (let i = 0; i < keys.length; i++) {
      const r = rows[i];
      if (!r) return undefined;
      texts.set(keys[i], r.json);
    }
    return texts;
  }

  const store: ProjectStore = {
    async list(): Promise<ProjectSummary[]> {
      const rows = await db.projects.orderBy('updatedAt').reverse().toArray();
      return rows.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
    },

    async get(id) {
      const [stored, pendingMeta] = await Promise.all([db.projects.get(id), db.meta.get(pendingKey(id))]);
      const file = `IndexedDB:${id}`;
      const pending = pendingMeta ? pendingRow(pendingMeta.value) : undefined;
      let row = stored;
      let texts: Map<string, string> | undefined;
      // A version saved while the page was left: taken when it is newer than the stored one and complete.
      if (pending?.head && pending.parts && (!stored || pending.updatedAt >= stored.updatedAt)) {
        texts = await readParts(pending.parts);
        if (texts) row = pending;
      }
      // The same version from the journal (its new parts travel with it) when IndexedDB lost the write.
      const left = journaled(id);
      const fromJournal = left && (!row || left.row.updatedAt > row.updatedAt) ? left : undefined;
      if (fromJournal) {
        const jt = await readParts(fromJournal.row.parts!, new Map(fromJournal.parts.map((r) => [r.key, r.json])));
        if (jt) {
          row = fromJournal.row;
          texts = jt;
        }
      }
      if (left && row !== left.row) dropJournal(id, left.text);
      if (!row) return undefined;
      if (row.json !== undefined || !row.head || !row.parts) {
        const r = loadProject(row.json ?? '', file);
        if (!r.ok) throw new ProjectLoadError(r.errors.map((e) => e.message).join('; '));
        written.delete(id);
        lastRefs.delete(id);
        deleted.delete(id);
        if (pendingMeta) void db.meta.delete(pendingKey(id)).catch(() => undefined);
        return r.project;
      }
      const refs = row.parts;
      if (row === stored) texts = await readParts(refs);
      if (!texts) {
        const missing = (await Promise.all(refKeys(refs).map(async (k) => ((await db.parts.where(':id').equals(k).count()) ? undefined : k)))).filter(Boolean);
        throw new ProjectLoadError(m(`Gespeichertes Projekt „${id}“ ist unvollständig: ${missing.length} Teil(e) fehlen (${missing.slice(0, 3).join(', ')}).`, `Stored project "${id}" is incomplete: ${missing.length} part(s) missing (${missing.slice(0, 3).join(', ')}).`));
      }
      const r = loadProject(assemble(row.head, refs, (k) => texts!.get(k)!), file);
      if (!r.ok) throw new ProjectLoadError(r.errors.map((e) => e.message).join('; '));
      const p = r.project;
      // What was read is what is stored under these keys: an unchanged part is not written again.
      const w = new WeakMap<object, string>();
      if (r.migratedFrom === undefined && p.flows.length === refs.flows.length && p.schemas.length === refs.schemas.length) {
        w.set(p.systems, refs.systems);
        w.set(p.organisations, refs.organisations);
        p.schemas.forEach((s, i) => w.set(s, refs.schemas[i]));
        p.flows.forEach((f, i) => {
          w.set(f, refs.flows[i].rule);
          w.set(f.samples, refs.flows[i].samples);
          w.set(f.tests, refs.flows[i].tests);
        });
      }
      written.set(id, w);
      lastRefs.set(id, refs);
      deleted.delete(id);
      // The pending version becomes the stored one; leftovers of interrupted or concurrent saves
      // (another tab) that the stored version does not refer to are deleted.
      const taken = row;
      void db
        .transaction('rw', db.projects, db.parts, db.meta, async () => {
          let cur = await db.projects.get(id);
          if (taken === fromJournal?.row && (!cur || taken.updatedAt >= cur.updatedAt)) {
            const used = new Set(refKeys(taken.parts!));
            await db.parts.bulkPut(fromJournal.parts.filter((r) => used.has(r.key)));
            await db.projects.put((cur = taken));
          }
          if (pendingMeta) {
            await db.meta.delete(pendingKey(id));
            if (taken === pending && (!cur || taken.updatedAt >= cur.updatedAt)) await db.projects.put((cur = taken));
          }
          if (!cur?.parts) return;
          const used = new Set(refKeys(cur.parts));
          const all = await db.parts.where('project').equals(id).primaryKeys();
          const orphans = all.filter((k) => !used.has(k));
          if (orphans.length) await db.parts.bulkDelete(orphans);
        })
        .then(() => fromJournal && taken === fromJournal.row && dropJournal(id, fromJournal.text))
        .catch(() => undefined);
      return p;
    },

    async put(project: Project) {
      const plan = planSave(project);
      await db.transaction('rw', db.projects, db.parts, db.meta, async () => {
        // Every write goes out at once, with no read before it.
        const [, , , , have] = await Promise.all([
          db.parts.bulkPut(plan.fresh),
          db.projects.put(plan.row),
          plan.stale.length ? db.parts.bulkDelete(plan.stale) : undefined,
          db.meta.delete(pendingKey(project.id)),
          plan.reused.size ? db.parts.where(':id').anyOf([...plan.reused.keys()]).primaryKeys() : [],
        ]);
        // Parts another tab deleted meanwhile (it saved a version without them): written again, in the
        // same transaction, so the stored version is never incomplete.
        const present = new Set(have);
        const lost = [...plan.reused].filter(([k]) => !present.has(k)).map(([key, text]) => ({ key, project: project.id, json: text() }));
        if (lost.length) await db.parts.bulkPut(lost);
      });
      plan.done(true);
    },

    putNow(project: Project) {
      const idb = db.isOpen() ? db.backendDB() : undefined;
      if (!idb) return store.put(project);
      const plan = planSave(project, false);
      // Raw IndexedDB: a write the page has to wait for (a read first, promise callbacks, large values
      // that go out as blobs) is lost when the page goes away; small requests issued now and an explicit
      // commit() are kept (measured in Chromium). So only the new parts are written, and the head as a
      // pending version beside the stored one: there is no time to check that the reused parts still
      // exist (another tab may have saved meanwhile), so the next read takes it only when it is complete.
      const tx = idb.transaction(['parts', 'meta'], 'readwrite');
      const parts = tx.objectStore('parts');
      for (const r of plan.fresh) parts.put(r);
      tx.objectStore('meta').put({ key: pendingKey(project.id), value: JSON.stringify(plan.row) });
      // The same version in the journal too, written at once: kept when the page goes before the commit.
      const journalText = JSON.stringify({ row: plan.row, parts: plan.fresh } satisfies Journaled);
      try {
        journal?.set(journalKey(project.id), journalText);
      } catch {
        // Too big for the journal (or no room): IndexedDB alone, as before.
      }
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => (plan.done(false), dropJournal(project.id, journalText), resolve());
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error(m('Speichern abgebrochen', 'Saving was aborted')));
      });
      tx.commit?.();
      return done;
    },

    async remove(id) {
      await db.transaction('rw', db.projects, db.parts, db.meta, async () => {
        await db.projects.delete(id);
        await db.parts.where('project').equals(id).delete();
        await db.meta.delete(pendingKey(id));
      });
      written.delete(id);
      lastRefs.delete(id);
      deleted.delete(id);
    },

    async getLastOpened() {
      return (await db.meta.get('lastOpened'))?.value;
    },

    async setLastOpened(id) {
      await db.meta.put({ key: 'lastOpened', value: id });
    },
  };
  return store;
}

