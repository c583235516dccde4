/**
 * The IndexedDB store (fake-indexeddb in Node): projects come back exactly as saved, a save writes only
 * the parts that changed, rows of the first layout are still read, and a broken or incomplete record is
 * refused with a message saying so.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { saveProject } from '../../../src/core/model/load.ts';
import { applyOp } from '../../../src/core/model/ops.ts';
import type { Project } from '../../../src/core/model/project.ts';
import { createDexieStore, ProjectLoadError } from '../../../src/core/store/dexie-store.ts';
import { sampleProject } from '../run/helpers.ts';

let n = 0;
const names: string[] = [];
function dbName(): string {
  const name = `rw-test-${process.pid}-${n++}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The raw tables, as a second connection sees them. */
async function raw(name: string) {
  const db = new Dexie(name);
  db.version(2).stores({ projects: 'id, updatedAt', meta: 'key', parts: 'key, project' });
  await db.open();
  return db;
}

function editRule(p: Project): Project {
  const f = p.flows.find((x) => x.id === 'a1-gewerberegister')!;
  return applyOp(p, { type: 'rule.remove', flowId: f.id, ruleId: f.mapping.rules[0].id });
}

describe('dexie store', () => {
  it('gives back the saved project, equal to what was saved', async () => {
    const store = createDexieStore(dbName());
    const p = sampleProject();
    await store.put(p);
    const back = await store.get(p.id);
    expect(saveProject(back!)).toBe(saveProject(p));
    expect((await store.list()).map((s) => s.id)).toEqual([p.id]);
  });

  it('writes only the changed parts of an edited project', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    const before = new Map((await db.table('parts').toArray()).map((r) => [r.key, r.json]));
    // Schemas, systems, organisations, every flow's rule, samples and tests.
    expect(before.size).toBe(2 + p.schemas.length + 3 * p.flows.length);
    const p2 = editRule(p);
    await store.put(p2);
    const after = new Map((await db.table('parts').toArray()).map((r) => [r.key, r.json]));
    const added = [...after.keys()].filter((k) => !before.has(k));
    const removed = [...before.keys()].filter((k) => !after.has(k));
    // Exactly the edited flow's rule part was replaced; the 650 KB schema set and the samples were not written again.
    expect(added).toHaveLength(1);
    expect(removed).toHaveLength(1);
    expect(JSON.parse(after.get(added[0])!).id).toBe('a1-gewerberegister');
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p2));
    db.close();
  });

  it('an edit after reopening also writes only what changed', async () => {
    const name = dbName();
    await createDexieStore(name).put(sampleProject());
    const store = createDexieStore(name);
    const p = (await store.get('gewerbeanmeldung'))!;
    const db = await raw(name);
    const before = new Set(await db.table('parts').toCollection().primaryKeys());
    await store.put(editRule(p));
    const after = await db.table('parts').toCollection().primaryKeys();
    expect(after.filter((k) => !before.has(k))).toHaveLength(1);
    db.close();
  });

  it('rewrites parts another tab deleted meanwhile, so the stored project stays complete', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    await db.table('parts').clear();
    const p2 = editRule(p);
    await store.put(p2);
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p2));
    db.close();
  });

  it('putNow (page being left) writes only the new parts and a pending version, taken on the next read', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    const before = await db.table('parts').count();
    const p2 = editRule(p);
    await store.putNow!(p2);
    expect(await db.table('parts').count()).toBe(before + 1);
    expect(await db.table('meta').get(`pending:${p.id}`)).toBeDefined();
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p2));
    // The read made it the stored version and dropped what only the old version used.
    await expect.poll(async () => (await db.table('meta').get(`pending:${p.id}`)) === undefined).toBe(true);
    expect(await db.table('parts').count()).toBe(before);
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p2));
    db.close();
  });

  it('a version saved while the page was left is taken from the journal when IndexedDB lost its write', async () => {
    const name = dbName();
    const map = new Map<string, string>();
    let pageGone = true; // the page is torn down before the transaction completes: nothing removes the entry
    const journal = { get: (k: string) => map.get(k) ?? null, set: (k: string, v: string) => void map.set(k, v), remove: (k: string) => void (pageGone || map.delete(k)) };
    const store = createDexieStore(name, { journal });
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    const keys = new Set(await db.table('parts').toCollection().primaryKeys());
    const p2 = editRule(p);
    await store.putNow!(p2);
    // What Chromium does to a commit cut short by the teardown: neither the new part nor the pending head is stored.
    await db.table('parts').bulkDelete((await db.table('parts').toCollection().primaryKeys()).filter((k) => !keys.has(k)));
    await db.table('meta').delete(`pending:${p.id}`);
    expect(map.size).toBe(1);
    pageGone = false;
    expect(saveProject((await createDexieStore(name, { journal }).get(p.id))!)).toBe(saveProject(p2));
    // The read stored it in IndexedDB and emptied the journal: a store without the journal reads it too.
    await expect.poll(() => map.size).toBe(0);
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p2));
    db.close();
  });

  it('a journal entry older than the stored version is ignored and removed', async () => {
    const name = dbName();
    const map = new Map<string, string>();
    const journal = { get: (k: string) => map.get(k) ?? null, set: (k: string, v: string) => void map.set(k, v), remove: (k: string) => void map.delete(k) };
    const store = createDexieStore(name, { journal });
    const p = sampleProject();
    await store.put(p);
    await store.putNow!(editRule(p));
    const stale = JSON.parse(map.get(`regelwerk-leaving:${p.id}`) ?? 'null') ?? { row: { id: p.id, updatedAt: 1, head: '{}', parts: { systems: 'x', organisations: 'x', schemas: [], flows: [] } }, parts: [] };
    await store.put(p); // a later normal save (undo)
    map.set(`regelwerk-leaving:${p.id}`, JSON.stringify({ ...stale, row: { ...stale.row, updatedAt: 1 } }));
    expect(saveProject((await createDexieStore(name, { journal }).get(p.id))!)).toBe(saveProject(p));
    expect(map.size).toBe(0);
  });

  it('a damaged journal entry is ignored and removed: the stored version opens', async () => {
    const name = dbName();
    const map = new Map<string, string>();
    const journal = { get: (k: string) => map.get(k) ?? null, set: (k: string, v: string) => void map.set(k, v), remove: (k: string) => void map.delete(k) };
    const p = sampleProject();
    await createDexieStore(name, { journal }).put(p);
    for (const damaged of ['{"row":{"updatedAt":', '{"row":{"id":"x"}}', 'null']) {
      map.set(`regelwerk-leaving:${p.id}`, damaged);
      expect(saveProject((await createDexieStore(name, { journal }).get(p.id))!)).toBe(saveProject(p));
      expect(map.size, damaged).toBe(0);
    }
  });

  it('an incomplete pending version is ignored: the stored one opens', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    const keys = new Set(await db.table('parts').toCollection().primaryKeys());
    await store.putNow!(editRule(p));
    const added = (await db.table('parts').toCollection().primaryKeys()).filter((k) => !keys.has(k));
    await db.table('parts').bulkDelete(added);
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p));
    db.close();
  });

  it('an unreadable pending version (corrupt meta text) is ignored and cleaned up: the stored one opens', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    await db.table('meta').put({ key: `pending:${p.id}`, value: '{"id": "x", "head": ' });
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p));
    await expect.poll(async () => (await db.table('meta').get(`pending:${p.id}`)) === undefined).toBe(true);
    db.close();
  });

  it('an undo back to a version whose part was replaced is stored complete, also when the page is left', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    await store.put(editRule(p)); // replaces (and deletes) the rule part of p's A1
    await store.putNow!(p); // undo, then the page is left at once
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p));
  });

  it('reads projects stored in the first layout (one JSON text)', async () => {
    const name = dbName();
    const db = new Dexie(name);
    db.version(1).stores({ projects: 'id, updatedAt', meta: 'key' });
    const p = sampleProject();
    await db.table('projects').put({ id: p.id, name: p.name, updatedAt: 1, json: saveProject(p) });
    db.close();
    const store = createDexieStore(name);
    expect(saveProject((await store.get(p.id))!)).toBe(saveProject(p));
    // Its next save splits it into parts, and it still reads back the same.
    await store.put(p);
    expect(saveProject((await createDexieStore(name).get(p.id))!)).toBe(saveProject(p));
  });

  it('refuses an incomplete or corrupt record with a message, and removes a project with its parts', async () => {
    const name = dbName();
    const store = createDexieStore(name);
    const p = sampleProject();
    await store.put(p);
    const db = await raw(name);
    const row = await db.table('projects').get(p.id);
    await db.table('parts').delete(row.parts.schemas[0]);
    await expect(createDexieStore(name).get(p.id)).rejects.toThrow(/unvollständig: 1 Teil/);
    await db.table('parts').put({ key: row.parts.schemas[0], project: p.id, json: '{"id": 5' });
    await expect(createDexieStore(name).get(p.id)).rejects.toBeInstanceOf(ProjectLoadError);
    await store.remove(p.id);
    expect(await db.table('parts').count()).toBe(0);
    expect(await store.get(p.id)).toBeUndefined();
    db.close();
  });
});
