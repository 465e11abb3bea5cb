import { Worker } from 'node:worker_threads';
import { BuildDeadlineError, LockRetryExhaustedError } from '../db/lock-conflict';
import { FairQueue, type FairJob } from './fair-queue';
import { runBuild, type BuildOp, type BuildResult } from './index-builder-core';

/**
 * Index builds (knobs and SQL console) on a thread of their own, never on the lab server's
 * thread or a reader thread: a CREATE INDEX on a million orders takes seconds, and nobody
 * else's request may wait behind it. Builds wait in a per-sandbox fair queue; a build that
 * meets its sandbox's write lock (the learner's own writes) goes back in line and is retried
 * after a short pause, until its deadline, so only that learner waits.
 */
export type IndexBuilder = {
  run(sandboxId: string, op: BuildOp, timeoutMs: number): Promise<Extract<BuildResult, { status: 'done' }>>;
  stats(): { queued: number; building: boolean; lockRetries: number };
  stop(): Promise<void>;
};

type Job = FairJob & {
  sandboxId: string;
  op: BuildOp;
  deadline: number;
  started: number;
  resolve: (r: Extract<BuildResult, { status: 'done' }>) => void;
  reject: (e: Error) => void;
};

const RETRY_MS = 100;

/** `script` runs builds on a worker thread; without one they run inline one tick later (tests). */
export function createIndexBuilder(dataDir: string, script?: URL | string): IndexBuilder {
  const queue = new FairQueue<Job>();
  let busy = false;
  let stopped = false;
  let lockRetries = 0;
  const timers = new Set<NodeJS.Timeout>();
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: BuildResult) => void; reject: (e: Error) => void }>();

  function startWorker(): Worker {
    const w = new Worker(script!, { workerData: { dataDir } });
    w.on('message', (m: { id: number; ok: boolean; value?: BuildResult; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value as BuildResult);
      else p.reject(new Error(m.error));
    });
    w.on('error', (err) => console.error('[index-builder] crashed:', err));
    w.on('exit', () => {
      for (const p of pending.values()) p.reject(new Error('the index builder thread exited'));
      pending.clear();
      worker = null;
    });
    return w;
  }

  function build(job: Job): Promise<BuildResult> {
    const request = { sandboxId: job.sandboxId, op: job.op, deadline: job.deadline };
    if (!script)
      return new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(runBuild(dataDir, request));
          } catch (err) {
            reject(err as Error);
          }
        }),
      );
    worker ??= startWorker();
    const w = worker;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.postMessage({ id, request });
    });
  }

  function pump() {
    if (busy || stopped) return;
    const job = queue.take();
    if (!job) return;
    busy = true;
    build(job)
      .then(
        (result) => {
          if (result.status === 'done') return job.resolve(result);
          if (result.status === 'locked' && Date.now() + RETRY_MS < job.deadline) {
            // The sandbox's own writes hold its lock: yield the thread to other sandboxes, retry soon.
            lockRetries++;
            const t = setTimeout(() => (timers.delete(t), queue.push(job), pump()), RETRY_MS);
            timers.add(t);
            return;
          }
          // Past its deadline: still meeting the sandbox's lock, or (expired) having waited its turn or run too long.
          const waited = Date.now() - job.started;
          job.reject(
            result.status === 'locked'
              ? new LockRetryExhaustedError(job.sandboxId, waited)
              : new BuildDeadlineError(job.sandboxId, waited),
          );
        },
        (err: Error) => job.reject(err),
      )
      .finally(() => {
        busy = false;
        pump();
      });
  }

  return {
    run(sandboxId, op, timeoutMs) {
      if (stopped) return Promise.reject(new Error('the lab server is stopping'));
      return new Promise((resolve, reject) => {
        const started = Date.now();
        queue.push({
          key: sandboxId,
          sandboxId,
          op,
          started,
          deadline: started + timeoutMs,
          resolve,
          reject,
          cancelled: () => false,
          onDropped: () => undefined,
        });
        pump();
      });
    },
    stats: () => ({ queued: queue.length, building: busy, lockRetries }),
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      queue.clear((job) => job.reject(new Error('the lab server is stopping')));
      await worker?.terminate();
    },
  };
}
