import { Worker } from 'node:worker_threads';
import { FairQueue, type FairJob } from './fair-queue';
import { ClientGoneError, type ReaderOp, type ReaderOps, type ReaderPort, type RunOptions } from '../api/ports';
import { createReaderCore } from './reader-core';

export { ClientGoneError, type RunOptions };

/** The pipeline's reader port (lib/api/ports.ts), plus what the lab server itself needs. */
export interface ReaderPool extends ReaderPort {
  /** Every reader closes its handle on this sandbox (before a reset replaces the file). */
  closeSandbox(sandboxId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Same work on the calling thread, one macrotask later. For tests and tools only. */
export function createInlineReaderPool(dataDir: string): ReaderPool {
  const core = createReaderCore(dataDir);
  return {
    run: (op, args, opts) => new Promise((resolve, reject) => setImmediate(() => {
      if (opts?.signal?.aborted) return reject(new ClientGoneError());
      try {
        resolve(core.run(op, args));
      } catch (err) {
        reject(err);
      }
    })),
    closeSandbox: async (sandboxId) => void core.run('closeSandbox', { sandboxId }),
    stop: async () => core.closeAll(),
  };
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; worker: Worker };
type StatsJob = FairJob & { args: ReaderOps['productStats']['args']; resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * Reader threads. Stats queries wait in a fair queue here, on the lab server's thread, and a
 * reader takes one when it is free: queued in the reader itself, they could be neither shared
 * fairly between sandboxes nor dropped when their client hangs up.
 */
export function createWorkerReaderPool(script: URL | string, dataDir: string, size = 2): ReaderPool {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const workers: Worker[] = [];
  const statsQueue = new FairQueue<StatsJob>();
  // Readers running a stats query right now (at most one each).
  const statsBusy = new Set<Worker>();

  function dispatch() {
    for (const w of workers) {
      if (statsBusy.has(w)) continue;
      const job = statsQueue.take();
      if (!job) return;
      statsBusy.add(w);
      const done = () => {
        statsBusy.delete(w);
        dispatch();
      };
      send(w, 'productStats', job.args).then((v) => (done(), job.resolve(v)), (e: Error) => (done(), job.reject(e)));
    }
  }

  function spawn(i: number) {
    const w = new Worker(script, { workerData: { dataDir } });
    w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    w.on('error', (err) => console.error('[reader] crashed:', err));
    // A reader that dies is replaced; calls it held fail and the request gets a 500 it can retry.
    w.on('exit', (code) => {
      for (const [id, p] of pending) if (p.worker === w) (pending.delete(id), p.reject(new Error('reader thread exited')));
      statsBusy.delete(w);
      if (stopping) return;
      console.error(`[reader] exited with code ${code}; restarting`);
      workers[i] = spawn(i);
      dispatch();
    });
    return w;
  }
  let stopping = false;
  for (let i = 0; i < size; i++) workers.push(spawn(i));

  function send<K extends ReaderOp>(w: Worker, op: K, args: ReaderOps[K]['args']): Promise<ReaderOps[K]['result']> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, worker: w });
      w.postMessage({ id, op, args });
    });
  }

  return {
    run: (op, args, opts) => {
      if (op !== 'productStats') return Promise.reject(new Error(`reader op ${op} is not run through the queue`));
      return new Promise((resolve, reject) => {
        const signal = opts?.signal;
        statsQueue.push({
          key: args.sandboxId, args: args as StatsJob['args'], resolve: resolve as (v: unknown) => void, reject,
          cancelled: () => signal?.aborted ?? false, onDropped: () => reject(new ClientGoneError()),
        });
        dispatch();
      });
    },
    closeSandbox: async (sandboxId) => {
      await Promise.all(workers.map((w) => send(w, 'closeSandbox', { sandboxId })));
    },
    stop: async () => {
      stopping = true;
      statsQueue.clear((job) => job.reject(new Error('the lab server is stopping')));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
