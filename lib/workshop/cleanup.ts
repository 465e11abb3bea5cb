import { prepareCached, type Db } from '../db/open';
import type { LabHost } from '../lab-server/host';
import { sandboxExists } from '../db/sandboxes';

/**
 * Idle sandboxes give their disk back: the database file of a sandbox untouched for longer
 * than the configured time is removed. The learner keeps their identity, knobs and progress;
 * the lab server copies a fresh sandbox from the template the next time they use it.
 */
export function idleSandboxes(appDb: Db, idleMs: number, now: Date): string[] {
  const cutoff = new Date(now.getTime() - idleMs).toISOString();
  return (prepareCached(appDb, 'SELECT id FROM sandboxes WHERE last_used_at < ?').all(cutoff) as { id: string }[]).map(
    (r) => r.id,
  );
}

/**
 * Removes idle sandbox files; `forget` then records the removal like a reset (lib/main-thread/store.ts
 * forgetRemovedSandbox): the fresh copy the learner returns to has none of the indexes they built,
 * so their records must not claim them, or a later move to another node would build indexes they
 * no longer have (their knobs panel reads the file and shows them gone). Replaying the records
 * when the file is copied again would instead put a possibly million-row build in the learner's
 * first request, inside the lab server's synchronous file copy. A sandbox without a file (removed
 * by an earlier sweep) is left alone, so one removal is forgotten once.
 */
export type IdleCleanup = {
  dataDir: string;
  idleMs: number;
  forget: (sandboxId: string, at: Date) => Promise<void>;
};

export async function removeIdleSandboxes(
  appDb: Db,
  lab: LabHost,
  { dataDir, idleMs, forget }: IdleCleanup,
  now = new Date(),
): Promise<number> {
  let removed = 0;
  for (const sandboxId of idleSandboxes(appDb, idleMs, now)) {
    if (!sandboxExists(dataDir, sandboxId)) continue;
    try {
      await lab.call('removeSandbox', { sandboxId });
      await forget(sandboxId, now);
      removed++;
    } catch (err) {
      console.error(`[cleanup] could not remove idle sandbox ${sandboxId}:`, err);
    }
  }
  return removed;
}

/** Sweeps every ten minutes in the background; never keeps the process alive on its own. */
export function startIdleCleanup(appDb: Db, lab: () => LabHost | undefined, cleanup: IdleCleanup): void {
  const g = globalThis as typeof globalThis & { __scaleLabCleanup?: NodeJS.Timeout };
  if (g.__scaleLabCleanup) return;
  g.__scaleLabCleanup = setInterval(() => {
    const host = lab();
    if (host?.status().state === 'ready') void removeIdleSandboxes(appDb, host, cleanup);
  }, 10 * 60_000);
  g.__scaleLabCleanup.unref();
}
