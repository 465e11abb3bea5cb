import type { RunRecord } from './schema';

export type RunEvent = { type: 'second'; stats: RunRecord['seconds'][number] } | { type: 'done'; run: RunRecord };
export type Subscriber = (e: RunEvent) => void;

/** A run this node is feeding: its record grows a second at a time, fanned out to its watchers. */
export type LiveRun = {
  record: RunRecord;
  learnerId: string;
  sandboxId: string;
  rate: number;
  users: number;
  subscribers: Set<Subscriber>;
  grace: NodeJS.Timeout | null;
};

/** How long a run keeps going after its last watcher left (a reload reconnects in time). */
export const ORPHAN_GRACE_MS = 5_000;

/**
 * The runs in progress on this node and the ones just ended (still answered from memory until
 * stored, so a read never sees them running), with their watchers. A run whose last watcher
 * left is handed to `abandoned` after a short grace.
 */
export function createLiveRuns(abandoned: (learnerId: string, runId: string) => void) {
  const active = new Map<string, LiveRun>();
  const finishing = new Map<string, LiveRun>();

  /** Follow a live run. Returns undefined if it is not live (read it from the store instead). */
  function subscribe(
    learnerId: string,
    runId: string,
    fn: Subscriber,
  ): { snapshot: RunRecord; unsubscribe: () => void } | undefined {
    const a = active.get(runId) ?? finishing.get(runId);
    if (!a || a.learnerId !== learnerId) return undefined;
    a.subscribers.add(fn);
    if (a.grace) {
      clearTimeout(a.grace);
      a.grace = null;
    }
    return {
      snapshot: a.record,
      unsubscribe: () => {
        a.subscribers.delete(fn);
        if (a.subscribers.size === 0 && active.has(runId)) {
          a.grace = setTimeout(() => abandoned(learnerId, runId), ORPHAN_GRACE_MS);
          a.grace.unref();
        }
      },
    };
  }

  return {
    active,
    finishing,
    subscribe,
    activeFor(learnerId: string, runId: string): RunRecord | undefined {
      const a = active.get(runId) ?? finishing.get(runId);
      return a && a.learnerId === learnerId ? a.record : undefined;
    },
    stats: () => ({
      active: active.size,
      totalRate: [...active.values()].reduce((sum, a) => sum + a.rate, 0),
      users: [...active.values()].reduce((n, a) => n + a.users, 0),
    }),
    /** The instructor's view: every live run, whose it is and what it sends. */
    activeRuns: () =>
      [...active.values()].map((a) => ({
        runId: a.record.id,
        learnerId: a.learnerId,
        sandboxId: a.sandboxId,
        rate: a.rate,
        startedAt: a.record.startedAt,
        seconds: a.record.seconds.length,
        profile: a.record.profile,
        lastP95: a.record.seconds.at(-1)?.latencyMs?.p95 ?? null,
      })),
    /** Follow any live run (the projector view); the instructor is not its owner. */
    subscribeAny(runId: string, fn: Subscriber) {
      const a = active.get(runId);
      return a ? subscribe(a.learnerId, runId, fn) : undefined;
    },
  };
}
