import { describe, expect, it } from 'vitest';
import type { RateLimitPolicy } from './algorithms';
import { createRateLimiter } from './limiter';

const policy: RateLimitPolicy = { algorithm: 'fixed-window', limit: 2, windowMs: 1000, burst: 2 };

describe('createRateLimiter', () => {
  it('tracks keys independently and counts outcomes', () => {
    const rl = createRateLimiter(policy, { maxKeys: 10 });
    expect([rl.check('a', 0), rl.check('a', 1), rl.check('a', 2)].map((d) => d.allowed)).toEqual([true, true, false]);
    expect(rl.check('b', 3).allowed).toBe(true);
    expect(rl.counters).toEqual({ allowed: 3, limited: 1 });
    expect(rl.size).toBe(2);
    expect(rl.check('a', 1000)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('returns a counters snapshot that callers cannot corrupt', () => {
    const rl = createRateLimiter(policy, { maxKeys: 10 });
    rl.check('a', 0);
    const snapshot = rl.counters;
    snapshot.allowed = 999;
    expect(rl.counters).toEqual({ allowed: 1, limited: 0 });
  });

  it('bounds memory under a flood of distinct keys by evicting the least recently used', () => {
    const rl = createRateLimiter(policy, { maxKeys: 3 });
    rl.check('victim', 0);
    rl.check('victim', 0); // victim exhausted
    for (let i = 0; i < 1_000; i += 1) rl.check(`flood-${i}`, 0);
    expect(rl.size).toBe(3);
    // The victim was evicted, so it starts fresh (the documented fail-open trade-off).
    expect(rl.check('victim', 0).allowed).toBe(true);
  });

  it('keeps recently used keys over older ones', () => {
    const rl = createRateLimiter(policy, { maxKeys: 2 });
    rl.check('a', 0);
    rl.check('a', 0); // a exhausted
    rl.check('b', 0);
    rl.check('a', 0); // touch a: now b is the oldest
    rl.check('c', 0); // evicts b, not a
    expect(rl.check('a', 0).allowed).toBe(false);
    expect(rl.size).toBe(2);
  });

  it('reset() forgets keys and zeroes counters', () => {
    const rl = createRateLimiter(policy, { maxKeys: 10 });
    rl.check('a', 0);
    rl.check('a', 0);
    rl.check('a', 0);
    rl.reset();
    expect(rl.counters).toEqual({ allowed: 0, limited: 0 });
    expect(rl.size).toBe(0);
    expect(rl.check('a', 0).allowed).toBe(true);
  });

  it('is unaffected by later mutation of the policy object', () => {
    const p = { ...policy };
    const rl = createRateLimiter(p, { maxKeys: 10 });
    p.limit = 100;
    rl.check('a', 0);
    rl.check('a', 0);
    expect(rl.check('a', 0).allowed).toBe(false);
  });

  it('rejects invalid policies and options up front', () => {
    expect(() => createRateLimiter({ ...policy, limit: 0 })).toThrow(/limit must be a positive integer/);
    expect(() => createRateLimiter({ ...policy, windowMs: -1 })).toThrow(/windowMs must be a positive/);
    expect(() => createRateLimiter(policy, { maxKeys: 0 })).toThrow(/maxKeys must be a positive integer/);
  });
});
