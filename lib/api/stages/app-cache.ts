import type { AppCache, CacheOutcome } from '../../cache/app-cache';
import type { Stage } from '../stage';

export type CachedValue = Record<string, unknown>;

/**
 * The application cache as one request sees it: cache-aside when the knob is on, straight
 * to the database when it is off, and a record of what happened for X-Cache and
 * Server-Timing.
 */
export type RequestCache = {
  /** False when the knob is off: `get` would only call `compute`, so a handler may call it itself. */
  readonly enabled: boolean;
  outcome: CacheOutcome | 'BYPASS';
  ms: number;
  get(key: string, compute: () => Promise<CachedValue>): Promise<CachedValue>;
  invalidate(key: string): void;
};

/** With the knob off every request sees the same view: nothing in it changes, so it is shared. */
const BYPASS: RequestCache = Object.freeze({
  enabled: false,
  outcome: 'BYPASS' as const,
  ms: 0,
  get: (_key: string, compute: () => Promise<CachedValue>) => compute(),
  invalidate: () => {},
});

export function requestCache(cache: AppCache<CachedValue> | null): RequestCache {
  if (!cache) return BYPASS;
  const view: RequestCache = {
    enabled: true,
    outcome: 'BYPASS',
    ms: 0,
    async get(key, compute) {
      const t0 = performance.now();
      const { value, outcome } = await cache.get(key, compute);
      view.outcome = outcome;
      view.ms = performance.now() - t0;
      return value;
    },
    invalidate(key) {
      cache.delete(key);
    },
  };
  return view;
}

/** X-Cache is HIT when no database work was done for this request, MISS when it was. */
export function xCache(outcome: RequestCache['outcome']): 'HIT' | 'MISS' | 'BYPASS' {
  if (outcome === 'HIT' || outcome === 'COALESCED') return 'HIT';
  if (outcome === 'BYPASS') return 'BYPASS';
  return 'MISS';
}

/** The app-cache knob: gives the handler this request's view of the cache (its time shows as `cache`). */
export const appCacheStage: Stage = {
  name: 'cache',
  run(ctx) {
    ctx.cache = requestCache(ctx.sandbox?.cache ?? null);
    return undefined;
  },
};
