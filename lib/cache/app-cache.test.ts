import { describe, expect, it } from 'vitest';
import { createAppCache } from './app-cache';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('app cache', () => {
  it('misses once, then hits, and expires after the TTL on an injected clock', async () => {
    let now = 1_000;
    const cache = createAppCache<{ v: number }>({ maxEntries: 10, ttlMs: 5_000, coalesce: true, now: () => now });
    let computed = 0;
    const compute = async () => ({ v: ++computed });
    expect((await cache.get('k', compute)).outcome).toBe('MISS');
    expect(await cache.get('k', compute)).toEqual({ value: { v: 1 }, outcome: 'HIT' });
    now += 5_001;
    // An expired entry is recomputed, and counted apart from cold misses.
    expect(await cache.get('k', compute)).toEqual({ value: { v: 2 }, outcome: 'STALE' });
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, stale: 1 });
  });

  it('coalesces concurrent misses into one computation', async () => {
    const cache = createAppCache<{ v: number }>({ maxEntries: 10, ttlMs: 60_000, coalesce: true });
    const gate = deferred<{ v: number }>();
    let computed = 0;
    const compute = () => (computed++, gate.promise);
    const all = Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)]);
    gate.resolve({ v: 7 });
    const results = await all;
    expect(computed).toBe(1);
    expect(results.map((r) => r.outcome)).toEqual(['MISS', 'COALESCED', 'COALESCED']);
    expect(cache.stats()).toMatchObject({ misses: 1, coalesced: 2 });
  });

  it('counts an expired entry as stale without coalescing too', async () => {
    // lru-cache reads a start time of 0 as "no TTL", so the fake clock starts later.
    let now = 1_000;
    const cache = createAppCache<{ v: number }>({ maxEntries: 10, ttlMs: 100, coalesce: false, now: () => now });
    await cache.get('k', async () => ({ v: 1 }));
    now = 1_101;
    expect((await cache.get('k', async () => ({ v: 2 }))).outcome).toBe('STALE');
  });

  it('without coalescing every concurrent miss computes: the stampede', async () => {
    const cache = createAppCache<{ v: number }>({ maxEntries: 10, ttlMs: 60_000, coalesce: false });
    const gate = deferred<{ v: number }>();
    let computed = 0;
    const compute = () => (computed++, gate.promise);
    const all = Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)]);
    gate.resolve({ v: 7 });
    await all;
    expect(computed).toBe(3);
    expect(cache.stats()).toMatchObject({ misses: 3, coalesced: 0 });
  });

  it('evicts the least recently used entry past maxEntries, and delete invalidates', async () => {
    const cache = createAppCache<{ k: string }>({ maxEntries: 10, ttlMs: 60_000, coalesce: true });
    for (let i = 0; i < 11; i++) await cache.get(`k${i}`, async () => ({ k: `k${i}` }));
    expect(cache.stats().size).toBe(10);
    expect((await cache.get('k0', async () => ({ k: 'again' }))).outcome).toBe('MISS');
    cache.delete('k5');
    expect((await cache.get('k5', async () => ({ k: 'k5' }))).outcome).toBe('MISS');
  });

  it('answers waiters whose shared computation was invalidated by a write, instead of failing', async () => {
    const cache = createAppCache<{ v: number }>({ maxEntries: 10, ttlMs: 60_000, coalesce: true });
    let version = 1;
    let release: () => void = () => {};
    // Version 1 waits for release(); after the write, computing is immediate.
    const slow = () =>
      version === 1
        ? new Promise<{ v: number }>((resolve) => (release = () => resolve({ v: 1 })))
        : Promise.resolve({ v: version });
    const a = cache.get('k', slow);
    const b = cache.get('k', slow);
    version = 2;
    cache.delete('k'); // the write lands while the first computation is in flight
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.outcome).toBe('MISS');
    expect(rb.outcome).toBe('MISS');
    expect(ra.value.v).toBe(2); // recomputed after the write: never the pre-write answer
    expect(rb.value.v).toBe(2);
  });
});
