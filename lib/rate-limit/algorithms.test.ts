import { describe, expect, it } from 'vitest';
import {
  step,
  validatePolicy,
  type Algorithm,
  type Decision,
  type LimiterState,
  type RateLimitPolicy,
} from './algorithms';

function policy(algorithm: Algorithm, overrides: Partial<RateLimitPolicy> = {}): RateLimitPolicy {
  return { algorithm, limit: 10, windowMs: 1000, burst: 10, ...overrides };
}

/** Replays one request at each timestamp and returns every decision. */
function run(
  p: RateLimitPolicy,
  times: number[],
  initial?: LimiterState,
): { decisions: Decision[]; state: LimiterState | undefined } {
  let state = initial;
  const decisions: Decision[] = [];
  for (const t of times) {
    const r = step(p, state, t);
    state = r.state;
    decisions.push(r.decision);
  }
  return { decisions, state };
}

const repeat = (t: number, n: number): number[] => Array.from({ length: n }, () => t);
const allowedCount = (ds: Decision[]): number => ds.filter((d) => d.allowed).length;

describe.each<Algorithm>(['fixed-window', 'sliding-window', 'token-bucket'])('%s basics', (algorithm) => {
  it('allows exactly `limit` requests at one instant, then limits', () => {
    const { decisions } = run(policy(algorithm), repeat(5_000, 12));
    expect(decisions.map((d) => d.allowed)).toEqual([...repeat(1, 10).map(() => true), false, false]);
    expect(decisions.map((d) => d.remaining).slice(0, 11)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]);
    expect(decisions[10]?.retryAfterMs).toBeGreaterThan(0);
    expect(decisions[9]?.retryAfterMs).toBe(0);
  });

  it('restores the full quota after enough idle time', () => {
    const p = policy(algorithm);
    const first = run(p, repeat(5_000, 10));
    const later = run(p, repeat(8_000, 11), first.state);
    expect(allowedCount(later.decisions)).toBe(10);
  });

  it.each([
    [{ limit: 0 }, /limit must be a positive integer \(got 0\)/],
    [{ limit: -5 }, /limit must be a positive integer/],
    [{ limit: 1.5 }, /limit must be a positive integer/],
    [{ windowMs: 0 }, /windowMs must be a positive finite number \(got 0\)/],
    [{ windowMs: -1 }, /windowMs must be a positive finite number/],
    [{ windowMs: Number.NaN }, /windowMs must be a positive finite number/],
  ])('rejects invalid policy %o', (overrides, message) => {
    expect(() => step(policy(algorithm, overrides), undefined, 0)).toThrow(RangeError);
    expect(() => validatePolicy(policy(algorithm, overrides))).toThrow(message);
  });
});

describe('policy validation', () => {
  it('requires a positive burst only for token bucket', () => {
    expect(() => validatePolicy(policy('token-bucket', { burst: 0 }))).toThrow(/burst must be a positive integer/);
    expect(() => validatePolicy(policy('fixed-window', { burst: 0 }))).not.toThrow();
  });
  it('rejects an unknown algorithm', () => {
    expect(() => validatePolicy(policy('leaky' as Algorithm))).toThrow(/unknown algorithm "leaky"/);
  });
});

describe('fixed window', () => {
  const p = policy('fixed-window');

  it('resets at multiples of windowMs, not at the first request', () => {
    const first = run(p, repeat(1_500, 10));
    expect(first.decisions[9]?.resetMs).toBe(500);
    const limited = step(p, first.state, 1_999);
    expect(limited.decision).toEqual({ allowed: false, limit: 10, remaining: 0, resetMs: 1, retryAfterMs: 1 });
    expect(step(p, limited.state, 2_000).decision).toMatchObject({ allowed: true, remaining: 9, resetMs: 1000 });
  });

  it('allows a double burst straddling the boundary (the known flaw)', () => {
    const times = [...repeat(990, 10), ...repeat(1_000, 10)];
    const { decisions } = run(p, times);
    expect(allowedCount(decisions)).toBe(20); // 2x limit within 10ms
  });

  it('does not let a clock stepping backwards reopen an earlier window', () => {
    const full = run(p, repeat(1_100, 10));
    expect(step(p, full.state, 900).decision.allowed).toBe(false);
  });
});

describe('sliding window counter', () => {
  const p = policy('sliding-window');

  it('does NOT allow the double burst at the boundary', () => {
    const times = [...repeat(990, 10), ...repeat(1_000, 10)];
    const { decisions, state } = run(p, times);
    expect(allowedCount(decisions)).toBe(10);
    expect(decisions[10]).toEqual({ allowed: false, limit: 10, remaining: 0, resetMs: 100, retryAfterMs: 100 });
    expect(state).toEqual({ kind: 'sliding-window', windowStart: 1000, count: 0, prevCount: 10 });
  });

  it('weights the previous window by the fraction still covered', () => {
    const prev = run(p, repeat(500, 10)).state;
    // At 1500 half of window [0,1000) is still covered: estimate 5, so 5 more fit.
    const { decisions } = run(p, repeat(1_500, 6), prev);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
    expect(decisions[0]?.remaining).toBe(4);
    // Next slot opens when prev weight drops from 5 to 4: 10 × (1000 - 500 - t) <= 4 × 1000 → t = 100.
    expect(decisions[5]?.retryAfterMs).toBe(100);
  });

  it('rounds a fractional retryAfter up to the next whole ms', () => {
    const q = policy('sliding-window', { limit: 3 });
    const prev = run(q, repeat(0, 3)).state;
    // 3 × (1000 - t) + 1000 <= 3000 → t >= 333.3, so 334 and not 333.
    expect(step(q, prev, 1_000).decision.retryAfterMs).toBe(334);
    expect(run(q, [1_333, 1_334], prev).decisions.map((d) => d.allowed)).toEqual([false, true]);
  });

  it('forgets a window two or more windows old', () => {
    const old = run(p, repeat(100, 10)).state;
    expect(allowedCount(run(p, repeat(2_000, 10), old).decisions)).toBe(10);
  });

  it('computes retryAfter across the boundary when the current window alone is full', () => {
    const full = run(p, repeat(0, 10)).state;
    const d = step(p, full, 250).decision;
    // Wait 750ms to the boundary, then until 10 × (1000 - x) + 1000 <= 10000 → x = 100.
    expect(d).toMatchObject({ allowed: false, retryAfterMs: 850, resetMs: 850 });
    const { decisions } = run(p, [1_099, 1_100], full);
    expect(decisions.map((x) => x.allowed)).toEqual([false, true]);
  });
});

describe('token bucket', () => {
  const p = policy('token-bucket', { limit: 10, windowMs: 1000, burst: 5 });

  it('allows a burst of `burst` then refills at limit/windowMs', () => {
    const burst = run(p, repeat(0, 6));
    expect(burst.decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
    // One token every 100ms.
    expect(burst.decisions[5]).toEqual({ allowed: false, limit: 10, remaining: 0, resetMs: 100, retryAfterMs: 100 });
    const steady = run(p, [99, 100, 150, 200, 300, 300], burst.state);
    expect(steady.decisions.map((d) => d.allowed)).toEqual([false, true, false, true, true, false]);
  });

  it('sustains exactly the refill rate over a long run', () => {
    const times = Array.from({ length: 10_000 }, (_, i) => i); // one request per ms for 10s
    const { decisions } = run(p, times);
    expect(allowedCount(decisions)).toBe(5 + 99); // burst + 10/s × 9.999s (tokens at 100,200,...,9900)
  });

  it('never exceeds capacity after a long idle', () => {
    const drained = run(p, repeat(0, 5)).state;
    const { decisions } = run(p, repeat(1_000_000, 7), drained);
    expect(allowedCount(decisions)).toBe(5);
  });

  it('reports resetMs as time to a full bucket and rounds retryAfter up to whole ms', () => {
    const q = policy('token-bucket', { limit: 3, windowMs: 1000, burst: 2 });
    const { decisions } = run(q, [0, 0, 0]);
    expect(decisions[1]).toMatchObject({ allowed: true, remaining: 0, resetMs: 667 }); // 2 tokens at 3/s = 666.7ms
    expect(decisions[2]?.retryAfterMs).toBe(334); // 333.3ms rounded up
  });
});
