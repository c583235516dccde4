/**
 * A Web Lock held while the open project has unsaved changes. The page writes them when it is left
 * (doc.ts, flushNow), but Chromium may run a page's pagehide only while the next page (a reload) is
 * already booting; the booting page waits for this lock before it reads, so it reads after the write.
 * Another tab opening meanwhile waits the same way, at most a few seconds.
 */
const UNSAVED_LOCK = 'regelwerk-unsaved';
/** How long a booting page waits at most (a page whose storage keeps failing must not block others). */
const UNSAVED_WAIT_MS = 3000;
const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
let release: (() => void) | undefined;

/** Takes the lock (once) for the changes being made now. */
export function holdUnsaved(): void {
  if (release || !locks) return;
  const held = new Promise<void>((resolve) => (release = resolve));
  void locks.request(UNSAVED_LOCK, () => held).catch(() => undefined);
}

/** Gives the lock back: the changes are stored (or cannot be). */
export function releaseUnsaved(): void {
  release?.();
  release = undefined;
}

/** Waits (briefly) until no other page has unsaved changes. */
export async function afterOtherPagesSaved(): Promise<void> {
  if (!locks || typeof AbortSignal?.timeout !== 'function') return;
  await locks.request(UNSAVED_LOCK, { mode: 'shared', signal: AbortSignal.timeout(UNSAVED_WAIT_MS) }, async () => undefined).catch(() => undefined);
}
