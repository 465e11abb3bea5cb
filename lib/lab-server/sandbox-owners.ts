import { LRUCache } from 'lru-cache';
import { findSandbox, touchSandbox } from '../db/app-db';
import type { Db } from '../db/open';

/**
 * The Shop API's check that a token's learner and sandbox belong together, as the control
 * API's: one indexed read of app.db per pair, then remembered (a sandbox never changes hands).
 * Unknown pairs are not remembered, so a flood of forged pairs cannot push real ones out.
 * Each use also moves the sandbox's last_used_at forward (at most once a minute), so idle
 * cleanup never removes a sandbox that is being loaded through the Shop API.
 */
export function createSandboxOwners(appDb: Db, now: () => number = Date.now, touchEveryMs = 60_000) {
  const known = new LRUCache<string, { touchedAt: number }>({ max: 20_000 });
  // The pair of the last request, checked first: under load one learner asks again and again.
  let last: { learnerId: string; sandboxId: string; hit: { touchedAt: number } } | null = null;
  return function ownsSandbox(learnerId: string, sandboxId: string): boolean {
    if (last === null || last.learnerId !== learnerId || last.sandboxId !== sandboxId) {
      const key = `${learnerId}\u0000${sandboxId}`;
      let entry = known.get(key);
      if (!entry) {
        const record = findSandbox(appDb, sandboxId);
        if (!record || record.learnerId !== learnerId) return false;
        entry = { touchedAt: 0 };
        known.set(key, entry);
      }
      last = { learnerId, sandboxId, hit: entry };
    }
    const hit = last.hit;
    const t = now();
    if (t - hit.touchedAt >= touchEveryMs) {
      hit.touchedAt = t;
      try {
        touchSandbox(appDb, sandboxId, new Date(t));
      } catch (err) {
        // app.db busy: the next request touches it; an answer never fails for bookkeeping.
        console.warn(
          `[lab-server] could not mark sandbox ${sandboxId} used:`,
          err instanceof Error ? err.message : err,
        );
      }
    }
    return true;
  };
}
