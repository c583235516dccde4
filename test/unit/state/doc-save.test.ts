/**
 * Autosave (src/ui/state/doc.ts): an edit is written within the delay, the save state goes
 * dirty → saved, the project list is updated without reading every stored project back, and a failing
 * store shows the error without losing the edit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Project } from '../../../src/core/model/project.ts';
import type { ProjectStore, ProjectSummary } from '../../../src/core/store/types.ts';
import { boot, flushSave, useDoc } from '../../../src/ui/state/doc.ts';

function fakeStore(): ProjectStore & { puts: Project[]; lists: number; lastOpenedWrites: number; fail?: string } {
  const rows = new Map<string, Project>();
  let last: string | undefined;
  const s = {
    puts: [] as Project[],
    lists: 0,
    lastOpenedWrites: 0,
    fail: undefined as string | undefined,
    async list(): Promise<ProjectSummary[]> {
      s.lists++;
      return [...rows.values()].map((p) => ({ id: p.id, name: p.name, updatedAt: 0 }));
    },
    async get(id: string) {
      return rows.get(id);
    },
    async put(p: Project) {
      if (s.fail) throw new Error(s.fail);
      s.puts.push(p);
      rows.set(p.id, p);
    },
    async remove(id: string) {
      rows.delete(id);
    },
    async getLastOpened() {
      return last;
    },
    async setLastOpened(id: string) {
      s.lastOpenedWrites++;
      last = id;
    },
  };
  return s;
}

afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('writes an edit within the delay, marks it saved, and keeps the list without re-reading it', async () => {
    const store = fakeStore();
    await boot(store);
    const p = useDoc.getState().project!;
    expect(store.puts.at(-1)).toBe(p);
    expect(useDoc.getState().saveState).toBe('saved');
    const lists = store.lists;
    const writes = store.lastOpenedWrites;

    vi.useFakeTimers();
    useDoc.getState().dispatch({ type: 'system.update', systemId: p.systems[0].id, patch: { name: 'Umbenannt' } });
    expect(useDoc.getState().saveState).toBe('dirty');
    await vi.advanceTimersByTimeAsync(1000);
    const edited = useDoc.getState().project!;
    expect(store.puts.at(-1)).toBe(edited);
    expect(useDoc.getState().saveState).toBe('saved');
    expect(store.lists).toBe(lists);
    expect(store.lastOpenedWrites).toBe(writes);
    expect(useDoc.getState().projects[0]).toMatchObject({ id: p.id, name: p.name });
  });

  it('a failing store shows the error and keeps the edit for the next try', async () => {
    const store = fakeStore();
    await boot(store);
    const p = useDoc.getState().project!;
    store.fail = 'Speicher voll';
    useDoc.getState().dispatch({ type: 'system.update', systemId: p.systems[0].id, patch: { name: 'Noch einmal' } });
    await flushSave();
    expect(useDoc.getState().saveState).toBe('error');
    expect(useDoc.getState().saveError).toContain('Speicher voll');
    store.fail = undefined;
    useDoc.getState().dispatch({ type: 'system.update', systemId: p.systems[0].id, patch: { name: 'Jetzt' } });
    await flushSave();
    expect(useDoc.getState().saveState).toBe('saved');
    expect(store.puts.at(-1)!.systems[0].name).toBe('Jetzt');
  });
});
