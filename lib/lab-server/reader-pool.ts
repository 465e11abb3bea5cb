import { LabUnavailableError } from '../workers/lab-unavailable';
import { createRpc, type Rpc, type RpcReply } from '../workers/rpc';
import { superviseWorker, type SupervisedWorker } from '../workers/supervise';
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
    run: (op, args, opts) =>
      new Promise((resolve, reject) =>
        setImmediate(() => {
          if (opts?.signal?.aborted) return reject(new ClientGoneError());
          try {
            resolve(core.run(op, args));
          } catch (err) {
            reject(err);
          }
        }),
      ),
    closeSandbox: async (sandboxId) => void core.run('closeSandbox', { sandboxId }),
    stop: async () => core.closeAll(),
  };
}

type StatsJob = FairJob & {
  args: ReaderOps['productStats']['args'];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};
type Reader = { rpc: Rpc<ReaderOps>; live: () => boolean; stop: () => Promise<void> };

/** A reader that died is back after 0.25 s, 0.5 s, ... up to 5 s. */
const READER_BACKOFF = { baseMs: 125, maxMs: 5_000 };

/**
 * Reader threads. Stats queries wait in a fair queue here, on the lab server's thread, and a
 * reader takes one when it is free: queued in the reader itself, they could be neither shared
 * fairly between sandboxes nor dropped when their client hangs up.
 */
export function createWorkerReaderPool(script: URL | string, dataDir: string, size = 2): ReaderPool {
  const statsQueue = new FairQueue<StatsJob>();
  // Readers running a stats query right now (at most one each).
  const statsBusy = new Set<Reader>();

  function dispatch() {
    for (const r of readers) {
      if (statsBusy.has(r) || !r.live()) continue;
      const job = statsQueue.take();
      if (!job) return;
      statsBusy.add(r);
      const done = () => {
        statsBusy.delete(r);
        dispatch();
      };
      send(r, 'productStats', job.args).then(
        (v) => (done(), job.resolve(v)),
        (e: Error) => (done(), job.reject(e)),
      );
    }
  }

  function startReader(i: number): Reader {
    let supervised: SupervisedWorker | undefined;
    const rpc = createRpc<ReaderOps>({
      name: `reader ${i}`,
      // The reader's own envelope: { id, op, args } in, { id, ok, value | error } out.
      send: ({ id, method, args }) => supervised?.current()?.postMessage({ id, op: method, args }),
    });
    const reader: Reader = { rpc, live: () => Boolean(supervised?.current()), stop: async () => supervised?.stop() };
    supervised = superviseWorker<RpcReply>({
      name: `reader ${i}`,
      script,
      options: { workerData: { dataDir } },
      backoff: READER_BACKOFF,
      onMessage: (m) => void rpc.settle(m),
      // Calls the dead reader held fail as "unavailable"; its replacement takes new ones.
      onExit: ({ delayMs }) => {
        rpc.failAll(new LabUnavailableError('reader thread exited', delayMs === null ? 'stopping' : 'exited'));
        statsBusy.delete(reader);
      },
      onSpawn: () => dispatch(),
    });
    return reader;
  }
  const readers: Reader[] = [];
  for (let i = 0; i < size; i++) readers.push(startReader(i));

  function send<K extends ReaderOp>(r: Reader, op: K, args: ReaderOps[K]['args']): Promise<ReaderOps[K]['result']> {
    if (!r.live()) return Promise.reject(new LabUnavailableError('reader thread is restarting', 'not-ready'));
    return r.rpc.call(op, args);
  }

  return {
    run: (op, args, opts) => {
      if (op !== 'productStats') return Promise.reject(new Error(`reader op ${op} is not run through the queue`));
      return new Promise((resolve, reject) => {
        const signal = opts?.signal;
        statsQueue.push({
          key: args.sandboxId,
          args: args as StatsJob['args'],
          resolve: resolve as (v: unknown) => void,
          reject,
          cancelled: () => signal?.aborted ?? false,
          onDropped: () => reject(new ClientGoneError()),
        });
        dispatch();
      });
    },
    closeSandbox: async (sandboxId) => {
      await Promise.all(readers.map((r) => send(r, 'closeSandbox', { sandboxId })));
    },
    stop: async () => {
      statsQueue.clear((job) => job.reject(new LabUnavailableError('the lab server is stopping', 'stopping')));
      await Promise.all(readers.map((r) => r.stop()));
    },
  };
}
