import fs from 'node:fs';
import { openDatabase, type Db } from '../db/open';
import { QueryRecorder } from '../db/recorder';
import { sandboxPath } from '../db/sandboxes';
import { getProductStats } from '../db/queries/products';
import type { ReaderOp, ReaderOps } from '../api/ports';

/**
 * The work that runs on reader threads, off the lab server's event loop: the costly
 * aggregate behind product stats (so concurrent requests overlap, as they would waiting on
 * a database server, and a cache stampede is real). Index builds have a thread of their own
 * (index-builder.ts): a reader must never be held by one sandbox's schema work. The ops are
 * declared as the pipeline's port (lib/api/ports.ts); this module implements them.
 */
export type { ReaderOp, ReaderOps } from '../api/ports';

export function createReaderCore(dataDir: string, maxOpen = 32) {
  const open = new Map<string, Db>();

  function db(sandboxId: string): Db {
    const existing = open.get(sandboxId);
    if (existing) {
      open.delete(sandboxId);
      open.set(sandboxId, existing);
      return existing;
    }
    const file = sandboxPath(dataDir, sandboxId);
    if (!fs.existsSync(file)) throw new Error(`sandbox ${sandboxId} has no database file`);
    // busy_timeout 0: a reader thread serves every sandbox, so it must never wait on one's lock.
    const fresh = openDatabase(file, { busyTimeoutMs: 0 });
    open.set(sandboxId, fresh);
    while (open.size > maxOpen) {
      const oldest = open.keys().next().value;
      if (oldest === undefined) break;
      close(oldest);
    }
    return fresh;
  }

  function close(sandboxId: string) {
    open.get(sandboxId)?.close();
    open.delete(sandboxId);
  }

  const ops: { [K in ReaderOp]: (args: ReaderOps[K]['args']) => ReaderOps[K]['result'] } = {
    productStats: ({ sandboxId, productId }) => {
      const q = new QueryRecorder(db(sandboxId));
      const stats = getProductStats(q, productId);
      const trace = q.traces[0] ?? { sql: '', ms: 0, rows: 0 };
      return { stats, trace };
    },
    closeSandbox: ({ sandboxId }) => (close(sandboxId), null),
  };

  return {
    run<K extends ReaderOp>(op: K, args: ReaderOps[K]['args']): ReaderOps[K]['result'] {
      const fn = ops[op] as (a: ReaderOps[K]['args']) => ReaderOps[K]['result'];
      if (!fn) throw new Error(`unknown reader op ${String(op)}`);
      return fn(args);
    },
    closeAll() {
      for (const id of [...open.keys()]) close(id);
    },
  };
}
