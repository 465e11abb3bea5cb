import { describe, expect, it } from 'vitest';
import { createRunStats, LATE_THRESHOLD_MS, type Outcome } from './stats';

// HDR buckets hold 3 significant figures and report their upper edge: exact below 2048 µs,
// within 0.1% above.
const near = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? NaN) - expected) / expected).toBeLessThan(0.001);

const ok = (status = 200, cache?: string, bytes = 100): Outcome => ({ kind: 'response', status, cache, bytes });

describe('createRunStats', () => {
  it('counts status classes, 429s, cache results, bytes, timeouts and errors', () => {
    const stats = createRunStats(0);
    for (let i = 0; i < 6; i++) stats.recordSent(0);
    stats.recordResult(1000, 900, ok(200, 'HIT', 50));
    stats.recordResult(2000, 1900, ok(201, 'MISS', 70));
    stats.recordResult(3000, 2900, ok(429, 'bypass', 30));
    stats.recordResult(5_000_000, 5_000_000, { kind: 'timeout' });
    stats.recordResult(100, 100, { kind: 'error' });
    stats.recordResult(100, 100, { kind: 'cancelled' });
    const c = stats.totals();
    expect(c).toMatchObject({
      sent: 6,
      completed: 3,
      rateLimited: 1,
      timeouts: 1,
      errors: 1,
      cancelled: 1,
      bytes: 150,
      status: { '2xx': 2, '4xx': 1, '5xx': 0 },
      cache: { hit: 1, miss: 1, bypass: 1, none: 0 },
    });
    const sum = stats.summary(1000, 6);
    // Timeouts are timed (at the give-up point), errors and cancellations are not.
    near(sum.latencyMs?.max, 5000);
    expect(sum.latencyMs?.min).toBe(1);
    expect(sum.hitRatio).toBe(0.5);
    expect(sum.errorPct).toBe(60); // 429 + timeout + error of 5 attempts
    expect(sum.achievedRps).toBe(3);
  });

  it('flags sends later than the threshold and tracks lag', () => {
    const stats = createRunStats(0);
    stats.recordSent(LATE_THRESHOLD_MS); // exactly at the threshold is on time
    stats.recordSent(LATE_THRESHOLD_MS + 0.5);
    stats.recordSent(40);
    stats.recordDropped();
    expect(stats.totals()).toMatchObject({ sent: 3, late: 2, dropped: 1 });
    const s = stats.snapshotSecond(1000, 10, 0);
    expect(s.maxLagMs).toBe(40); // exact: tracked outside the histogram
    near(stats.summary(1000, 10).lagMs?.max, 40);
  });

  it('snapshots one second at a time and resets only the per-second data', () => {
    let t = 0;
    const stats = createRunStats(t);
    for (let us = 1; us <= 1000; us++) {
      stats.recordSent(0);
      stats.recordResult(us, us, ok());
    }
    t = 1000;
    const first = stats.snapshotSecond(t, 1000, 3);
    expect(first).toMatchObject({
      second: 1,
      tMs: 1000,
      windowMs: 1000,
      targetRps: 1000,
      achievedRps: 1000,
      sentRps: 1000,
      inFlight: 3,
      latencyMs: { p50: 0.5, p95: 0.95, p99: 0.99, max: 1 },
    });
    expect(first.counts.completed).toBe(1000);

    for (let i = 0; i < 10; i++) stats.recordResult(10_000, 10_000, ok(500));
    t = 1500; // a partial last window
    const second = stats.snapshotSecond(t, null, 0);
    expect(second).toMatchObject({ second: 2, windowMs: 500, achievedRps: 20, targetRps: null });
    for (const v of Object.values(second.latencyMs ?? {})) near(v, 10);
    expect(second.counts.status['5xx']).toBe(10);

    expect(stats.snapshotSecond(2000, 0, 0).latencyMs).toBeNull();
    const sum = stats.summary(2000, 500);
    expect(sum.counts.completed).toBe(1010);
    near(sum.latencyMs?.max, 10);
    expect(sum.latencyMs?.p99).toBe(1); // 1010 samples: p99 is the 999.9th, still ≤ 1 ms
  });

  it('returns plain serializable data', () => {
    const stats = createRunStats(0);
    stats.recordSent(0);
    stats.recordResult(100, 100, ok());
    const snap = stats.snapshotSecond(1000, 1, 0);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const sum = stats.summary(1000, 1);
    expect(JSON.parse(JSON.stringify(sum))).toEqual(sum);
    expect(structuredClone(sum)).toEqual(sum);
  });
});
