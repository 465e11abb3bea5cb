import { isLockConflict } from '../db/lock-conflict';
import { SandboxBusyError } from '../db/sandboxes';
import type { Db } from '../db/open';
import { claimNextJob, countQueued, requeueAbandoned, retryOrFailJob, type JobRow } from '../db/queries/jobs';
import { QueryRecorder } from '../db/recorder';
import { problemBody } from '../api/problem';

export type JobWorkerDeps = {
  /** The sandbox's database, opened again if the pool closed it meanwhile. */
  db: (sandboxId: string) => Db;
  /** How many jobs of this sandbox may run at once (the writes.workers knob). */
  concurrency: (sandboxId: string) => number;
  /**
   * Does the job's work and finishes it (finishJob). `current()` turns false if the sandbox
   * was reset while the job was in flight: its row is gone and nothing may be written.
   */
  process: (sandboxId: string, job: JobRow, current: () => boolean) => Promise<void>;
  now?: () => Date;
  onError?: (err: unknown, sandboxId: string, job: JobRow) => void;
};

/**
 * The queue's consumer, inside the lab server: per sandbox, up to N drain loops that claim
 * the oldest queued job, process it and go on until the queue is empty. Nothing polls: a new
 * job kicks the worker, and opening a sandbox resumes what an earlier server left behind.
 */
export function createJobWorker(deps: JobWorkerDeps) {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const loops = new Map<string, number>();
  const generation = new Map<string, number>();
  const resumed = new Set<string>();
  const idleWaiters: (() => void)[] = [];
  let stopped = false;

  const gen = (id: string) => generation.get(id) ?? 0;
  // A job that meets its sandbox's write lock (the learner's own index build) waits off the
  // thread and tries again: the connection has busy_timeout 0 so no other sandbox waits too.
  const LOCK_RETRY_MS = 100;
  const MAX_LOCK_RETRY_MS = 1000;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  function idle(): Promise<void> {
    if (loops.size === 0) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  function settleIdle() {
    if (loops.size > 0) return;
    for (const w of idleWaiters.splice(0)) w();
  }

  async function drain(sandboxId: string): Promise<void> {
    const started = gen(sandboxId);
    const current = () => !stopped && gen(sandboxId) === started;
    try {
      while (current()) {
        let job: JobRow | undefined;
        try {
          job = claimNextJob(new QueryRecorder(deps.db(sandboxId)), now());
        } catch (err) {
          if (isLockConflict(err)) {
            await sleep(LOCK_RETRY_MS);
            continue;
          }
          // Being reset: the reset empties the queue anyway. Anything else: stop this loop, the next kick retries.
          if (!(err instanceof SandboxBusyError)) console.error(`[job-worker] ${sandboxId}: claiming failed:`, err);
          return;
        }
        if (!job) return;
        try {
          await processYielding(sandboxId, job, current);
        } catch (err) {
          deps.onError?.(err, sandboxId, job);
          if (!current()) return;
          try {
            retryOrFailJob(
              new QueryRecorder(deps.db(sandboxId)),
              job,
              { problem: problemBody('internal', 'Processing the job failed; the error was logged.') },
              now(),
            );
          } catch {
            return;
          }
        }
      }
    } finally {
      const n = (loops.get(sandboxId) ?? 1) - 1;
      if (n <= 0) loops.delete(sandboxId);
      else loops.set(sandboxId, n);
      settleIdle();
    }
  }

  /** Runs the job; while its sandbox's write lock is taken, waits (off the thread) and runs it again. */
  async function processYielding(sandboxId: string, job: JobRow, current: () => boolean): Promise<void> {
    for (let wait = LOCK_RETRY_MS; ; wait = Math.min(MAX_LOCK_RETRY_MS, wait * 2)) {
      try {
        return await deps.process(sandboxId, job, current);
      } catch (err) {
        if (!isLockConflict(err) || !current()) throw err;
        await sleep(wait);
        if (!current()) return;
      }
    }
  }

  /** A job was queued: start loops up to the sandbox's concurrency (running loops pick it up anyway). */
  function kick(sandboxId: string): void {
    if (stopped) return;
    const want = Math.max(1, deps.concurrency(sandboxId));
    while ((loops.get(sandboxId) ?? 0) < want) {
      loops.set(sandboxId, (loops.get(sandboxId) ?? 0) + 1);
      // Start on a later tick: the caller (a request, a pool open) finishes its own statement first.
      setImmediate(() => void drain(sandboxId));
    }
  }

  /**
   * The first time this server opens a sandbox, jobs an earlier server left 'running' go
   * back in line (nobody is working on them now) and the queue is drained.
   */
  function resume(sandboxId: string, db: Db): void {
    if (resumed.has(sandboxId) || stopped) return;
    resumed.add(sandboxId);
    const q = new QueryRecorder(db);
    try {
      requeueAbandoned(q, now());
    } catch (err) {
      if (!isLockConflict(err)) throw err;
      // Locked by the learner's own schema work: try again shortly, through the pool.
      resumed.delete(sandboxId);
      setTimeout(() => {
        try {
          resume(sandboxId, deps.db(sandboxId));
        } catch {
          // the sandbox is being reset or removed: its next open resumes it
        }
      }, LOCK_RETRY_MS).unref();
      return;
    }
    if (countQueued(q) > 0) kick(sandboxId);
  }

  return {
    kick,
    resume,
    /** The sandbox was replaced by a fresh copy: loops working on the old one stop. */
    reset(sandboxId: string): void {
      generation.set(sandboxId, gen(sandboxId) + 1);
    },
    running: (sandboxId: string) => loops.get(sandboxId) ?? 0,
    /** Resolves when no loop is running (tests, shutdown). */
    idle,
    async stop(): Promise<void> {
      stopped = true;
      await idle();
    },
  };
}

export type JobWorker = ReturnType<typeof createJobWorker>;
