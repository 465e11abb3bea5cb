import type { AppCache } from '../cache/app-cache';
import type { Db } from '../db/open';
import type { QueryTrace } from '../db/recorder';
import type { ProductStats } from '../db/queries/products';
import type { KnobSettings } from '../knobs/schema';
import type { RateLimiter } from '../rate-limit';
import type { CachedValue } from './stages/app-cache';

/**
 * What the request pipeline needs from the thread that hosts it, declared here so that
 * lib/api depends on nothing in lib/lab-server (dependency inversion): the lab server
 * implements these ports, the pipeline only names them.
 */

/** The request that wanted this work has gone (its client hung up) before the work started. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before its query could start');
  }
}

/** Work that runs off the serving thread (reader threads): costly aggregates and index builds. */
export type ReaderOps = {
  productStats: { args: { sandboxId: string; productId: number }; result: { stats: ProductStats; trace: QueryTrace } };
  closeSandbox: { args: { sandboxId: string }; result: null };
};
export type ReaderOp = keyof ReaderOps;
export type RunOptions = { signal?: AbortSignal };

/** Runs reader work; rejects with ClientGoneError when `signal` aborts before the work starts. */
export interface ReaderPort {
  run<K extends ReaderOp>(op: K, args: ReaderOps[K]['args'], opts?: RunOptions): Promise<ReaderOps[K]['result']>;
}

/** One sandbox as the pipeline sees it: its knobs and the state of the stages they switch on. */
export type SandboxView = {
  settings: KnobSettings;
  cache: AppCache<CachedValue> | null;
  limiter: RateLimiter | null;
};

/** Which copy of the sandbox database serves a request (the replica knob). */
export type ReadRoute = {
  db: Db;
  servedBy: string;
  reason: string;
  /** How far behind the data this request reads is: 0 on the primary. */
  lagMs: number;
  /** For writes: appends each statement to the replication log (same transaction). */
  onWrite?: (sql: string, params: unknown[]) => void;
};

export interface ReplicaPort {
  route(
    sandboxId: string,
    settings: KnobSettings['replica'],
    primary: Db,
    req: { method: string; clientKey: string },
  ): ReadRoute;
}

/** The lab server's job queue: wake its worker, or reopen the sandbox after a long await. */
export type JobsPort = { kick: (sandboxId: string) => void; db: (sandboxId: string) => Db };
