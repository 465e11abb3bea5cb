import { Worker } from 'node:worker_threads';
import { createReaderCore, type ReaderOp, type ReaderOps } from './reader-core';

export interface ReaderPool {
  run<K extends ReaderOp>(op: K, args: ReaderOps[K]['args']): Promise<ReaderOps[K]['result']>;
  /** Every reader closes its handle on this sandbox (before a reset replaces the file). */
  closeSandbox(sandboxId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Same work on the calling thread, one macrotask later. For tests and tools only. */
export function createInlineReaderPool(dataDir: string): ReaderPool {
  const core = createReaderCore(dataDir);
  return {
    run: (op, args) => new Promise((resolve, reject) => setImmediate(() => {
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

/**
 * Reader threads. Stats queries go round robin; index builds for one sandbox always go to
 * the same thread, so two builds on one file never race each other.
 */
export function createWorkerReaderPool(script: URL | string, dataDir: string, size = 2): ReaderPool {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let turn = 0;
  const workers: Worker[] = [];

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
      if (stopping) return;
      console.error(`[reader] exited with code ${code}; restarting`);
      workers[i] = spawn(i);
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

  function pick(op: ReaderOp, args: { sandboxId: string }): Worker {
    if (op === 'productStats') return workers[turn++ % workers.length] as Worker;
    let h = 0;
    for (const c of args.sandboxId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return workers[h % workers.length] as Worker;
  }

  return {
    run: (op, args) => send(pick(op, args), op, args),
    closeSandbox: async (sandboxId) => {
      await Promise.all(workers.map((w) => send(w, 'closeSandbox', { sandboxId })));
    },
    stop: async () => {
      stopping = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
