import { LRUCache } from 'lru-cache';

/**
 * HIT: served from memory. MISS: computed (cold or evicted). STALE: computed because the
 * entry had outlived its TTL. COALESCED: waited for another request's computation.
 */
export type CacheOutcome = 'HIT' | 'MISS' | 'STALE' | 'COALESCED';

export type AppCacheOptions = { maxEntries: number; ttlMs: number; coalesce: boolean; now?: () => number };

export type AppCacheStats = { hits: number; misses: number; stale: number; coalesced: number; size: number };

type Compute<V> = () => Promise<V>;

/**
 * Cache-aside over lru-cache, with counters the lab shows. With `coalesce` on, concurrent
 * misses for one key share one computation (lru-cache's fetchMethod keeps the in-flight
 * promise); with it off, every concurrent miss computes on its own: the stampede.
 */
export function createAppCache<V extends object>(opts: AppCacheOptions) {
  const stats = { hits: 0, misses: 0, stale: 0, coalesced: 0 };
  const perf = opts.now ? { now: opts.now } : undefined;
  const lru = new LRUCache<string, V, Compute<V>>({
    max: opts.maxEntries,
    ttl: opts.ttlMs,
    ttlAutopurge: false,
    // An injected clock must be read on every call, not cached for a millisecond.
    ...(perf ? { perf, ttlResolution: 0 } : {}),
    fetchMethod: (_key, _stale, { context }) => context(),
  });

  async function get(key: string, compute: Compute<V>): Promise<{ value: V; outcome: CacheOutcome }> {
    if (opts.coalesce) {
      const status: LRUCache.Status<string, V, Compute<V>> = {};
      let value: V | undefined;
      let ownFailure = false;
      const mine: Compute<V> = () => compute().catch((err: unknown) => ((ownFailure = true), Promise.reject(err)));
      try {
        value = await lru.fetch(key, { context: mine, status });
      } catch (err) {
        // A write invalidated the key while its computation was in flight: lru-cache aborts the
        // shared fetch and rejects every waiter ("deleted"). Their answer would predate the
        // write anyway, so each computes afresh (uncached) instead of failing with a 500.
        if (ownFailure) throw err;
        count('MISS');
        return { value: await compute(), outcome: 'MISS' };
      }
      const outcome: CacheOutcome =
        status.fetch === 'hit'
          ? 'HIT'
          : status.fetch === 'inflight'
            ? 'COALESCED'
            : status.fetch === 'stale'
              ? 'STALE'
              : 'MISS';
      count(outcome);
      if (value === undefined) throw new Error(`cache compute for ${key} returned nothing`);
      return { value, outcome };
    }
    const status: LRUCache.Status<string, V, Compute<V>> = {};
    const cached = lru.get(key, { status });
    if (cached !== undefined) {
      count('HIT');
      return { value: cached, outcome: 'HIT' };
    }
    const outcome: CacheOutcome = status.get === 'stale' ? 'STALE' : 'MISS';
    count(outcome);
    const value = await compute();
    lru.set(key, value);
    return { value, outcome };
  }

  function count(o: CacheOutcome) {
    if (o === 'HIT') stats.hits++;
    else if (o === 'MISS') stats.misses++;
    else if (o === 'STALE') stats.stale++;
    else stats.coalesced++;
  }

  return {
    get,
    delete: (key: string) => void lru.delete(key),
    clear: () => lru.clear(),
    stats: (): AppCacheStats => ({ ...stats, size: lru.size }),
  };
}

export type AppCache<V extends object> = ReturnType<typeof createAppCache<V>>;
