import { prepareCached, type Db } from '../db/open';
import type { LabHost } from '../lab-server/host';

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

export async function removeIdleSandboxes(appDb: Db, lab: LabHost, idleMs: number, now = new Date()): Promise<number> {
  let removed = 0;
  for (const sandboxId of idleSandboxes(appDb, idleMs, now)) {
    try {
      await lab.call('removeSandbox', { sandboxId });
      removed++;
    } catch (err) {
      console.error(`[cleanup] could not remove idle sandbox ${sandboxId}:`, err);
    }
  }
  return removed;
}

/** Sweeps every ten minutes in the background; never keeps the process alive on its own. */
export function startIdleCleanup(appDb: Db, lab: () => LabHost | undefined, idleMs: number): void {
  const g = globalThis as typeof globalThis & { __scaleLabCleanup?: NodeJS.Timeout };
  if (g.__scaleLabCleanup) return;
  g.__scaleLabCleanup = setInterval(() => {
    const host = lab();
    if (host?.status().state === 'ready') void removeIdleSandboxes(appDb, host, idleMs);
  }, 10 * 60_000);
  g.__scaleLabCleanup.unref();
}
