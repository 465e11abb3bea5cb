import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { createPipeline, type RequestTrace } from '../api/pipeline';
import type { CachedValue } from '../api/stages/app-cache';
import type { AppCache } from '../cache/app-cache';
import { openAppDb } from '../db/app-db';
import { sandboxUsage, serverFullReason } from '../db/capacity';
import { sandboxPath, ServerFullError } from '../db/sandboxes';
import { readSettings } from '../knobs/store';
import { createTokenVerifier } from '../learners/identity';
import { createLabMetrics, type LabMetrics } from '../metrics/lab-metrics';
import { createReplicaManager } from '../replica/manager';
import { createIndexBuilder } from './index-builder';
import { createOrderQueue } from './order-queue';
import { createInlineReaderPool, createWorkerReaderPool, type ReaderPool } from './reader-pool';
import { createSandboxPool } from './sandbox-pool';
import { createSandboxOwners } from './sandbox-owners';
import { createSandboxStates, type SandboxRuntime } from './sandbox-state';
import { createSchemaLocks } from './schema-lock';

export type LabCoreOptions = {
  dataDir: string;
  secret: Uint8Array;
  /** Reader threads run from this bundled script; without one, reads run inline (tests). */
  readerScript?: URL | string;
  readerThreads?: number;
  /** Index builds run on a thread from this script; without one, inline one tick later (tests). */
  indexBuilderScript?: URL | string;
  onTrace?: (trace: RequestTrace) => void;
  /**
   * The server's ceiling on sandbox files. A Shop request whose sandbox file was removed (idle
   * cleanup) recreates it, unless that would pass the ceiling: then 503 server-full, as a claim gets.
   */
  limits?: { maxSandboxes: number; maxSandboxDiskBytes: number };
};

/** Everything the lab server is, minus the socket: the pipeline and the state it runs on. */
export function createLabCore(opts: LabCoreOptions) {
  const pool = createSandboxPool(opts.dataDir);
  const readers: ReaderPool = opts.readerScript
    ? createWorkerReaderPool(opts.readerScript, opts.dataDir, opts.readerThreads ?? 2)
    : createInlineReaderPool(opts.dataDir);
  const indexBuilder = createIndexBuilder(opts.dataDir, opts.indexBuilderScript);
  const schemaLocks = createSchemaLocks();
  // The lab server reads knob settings itself; the control API tells it when they change.
  const appDb = openAppDb(opts.dataDir);
  const states = createSandboxStates((id) => readSettings(appDb, id));
  const stats = { requests: 0, errors: 0, shed: 0 };
  const replicas = createReplicaManager({ dataDir: opts.dataDir, primary: (id) => pool.get(id) });
  // In the worker this registry also gets Node's default metrics for this thread; in tests
  // the core runs on the main thread, whose own registry already reports them.
  const metrics = createLabMetrics({ defaultMetrics: !isMainThread, openSandboxes: () => pool.openCount() });
  const countedState = countCacheLookups(metrics);
  const orderQueue = createOrderQueue(pool, states);
  const handle = createPipeline({
    verify: createTokenVerifier(opts.secret),
    ownsSandbox: createSandboxOwners(appDb),
    sandboxDb: (id) => {
      const limits = opts.limits;
      // Only when the handle is not open (rare): the open case is every request's hot path.
      if (limits && !pool.isOpen(id) && !fs.existsSync(sandboxPath(opts.dataDir, id))) {
        const full = serverFullReason(sandboxUsage(opts.dataDir), limits);
        if (full) throw new ServerFullError(full);
      }
      return pool.get(id);
    },
    sandboxState: (id) => countedState(states.get(id)),
    readers,
    replicas,
    jobs: { kick: (id) => orderQueue.kick(id), db: (id) => pool.get(id) },
    cursorSecret: createHmac('sha256', opts.secret).update('scale-lab cursor key').digest(),
    onTrace: (trace) => {
      metrics.observe(trace);
      opts.onTrace?.(trace);
    },
    onError: (err, req) => {
      stats.errors++;
      console.error(`[lab-server] ${req.method} ${req.path} failed:`, err);
    },
  });
  return {
    handle,
    pool,
    readers,
    indexBuilder,
    schemaLocks,
    replicas,
    states,
    stats,
    metrics,
    orderQueue,
    async close() {
      replicas.closeAll();
      await orderQueue.stop();
      await indexBuilder.stop();
      pool.closeAll();
      await readers.stop();
      appDb.close();
    },
  };
}

export type LabCore = ReturnType<typeof createLabCore>;

/**
 * The pipeline's view of a sandbox with its app cache wrapped to count each lookup's outcome
 * (hit, miss, stale, coalesced) into sandbox-independent totals. The per-sandbox counters
 * restart when a cache is rebuilt; these only go up, as Prometheus counters must.
 */
function countCacheLookups(metrics: LabMetrics) {
  const wrapped = new WeakMap<AppCache<CachedValue>, AppCache<CachedValue>>();
  return (state: SandboxRuntime): SandboxRuntime => {
    const cache = state.cache;
    if (!cache) return state;
    let counted = wrapped.get(cache);
    if (!counted) {
      counted = {
        ...cache,
        async get(key, compute) {
          const result = await cache.get(key, compute);
          metrics.cacheLookup(result.outcome);
          return result;
        },
      };
      wrapped.set(cache, counted);
    }
    return { ...state, cache: counted };
  };
}
