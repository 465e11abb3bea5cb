import { beforeAll, describe, expect, it } from 'vitest';
import { setFormatLocale } from '@/lib/format';
import { emptyCounts } from '@/lib/load/figures';
import {
  compareRows,
  errorSentence,
  p95Range,
  hitPctIn,
  hitSentence,
  latencySentence,
  mergeSecond,
  nines,
  ninesLabel,
  throughputSentence,
  toRows,
  type SecondStats,
} from './series';
import { secondsFigures } from '@/lib/load/figures';

function second(
  n: number,
  over: {
    p95?: number | null;
    hit?: number;
    miss?: number;
    s5xx?: number;
    timeouts?: number;
    errors?: number;
    limited?: number;
    target?: number | null;
    achieved?: number;
  } = {},
): SecondStats {
  const counts = emptyCounts();
  counts.cache.hit = over.hit ?? 0;
  counts.cache.miss = over.miss ?? 0;
  counts.status['5xx'] = over.s5xx ?? 0;
  counts.timeouts = over.timeouts ?? 0;
  counts.errors = over.errors ?? 0;
  counts.rateLimited = over.limited ?? 0;
  const p95 = over.p95 === undefined ? 10 : over.p95;
  return {
    second: n,
    tMs: n * 1000,
    windowMs: 1000,
    targetRps: over.target === undefined ? 100 : over.target,
    achievedRps: over.achieved ?? 100,
    sentRps: 100,
    inFlight: 0,
    counts,
    latencyMs: p95 === null ? null : { p50: p95 / 2, p95, p99: p95 * 2, max: p95 * 3 },
    serviceMs: null,
    maxLagMs: 0,
  };
}

describe('per-second series', () => {
  beforeAll(() => setFormatLocale('en-US'));

  it('computes the hit ratio from HIT and MISS only, null when neither', () => {
    expect(hitPctIn(second(1, { hit: 3, miss: 1 }))).toBe(75);
    expect(hitPctIn(second(1))).toBeNull();
  });

  it('builds one row per second with errors (5xx + timeouts + network) apart from 429s', () => {
    const [row] = toRows([second(2, { s5xx: 2, timeouts: 1, errors: 3, limited: 7, hit: 1, miss: 3 })]);
    expect(row).toMatchObject({ t: 2, p95: 10, p50: 5, p99: 20, errors: 6, limited: 7, hitPct: 25, target: 100 });
    expect(toRows([second(1, { p95: null })])[0]).toMatchObject({ p50: null, p95: null, p99: null });
  });

  it('merges replayed seconds without duplicates and keeps order', () => {
    const a = [second(1), second(2)];
    expect(mergeSecond(a, second(3)).map((s) => s.second)).toEqual([1, 2, 3]);
    const replaced = mergeSecond(a, second(1, { p95: 99 }));
    expect(replaced.map((s) => s.second)).toEqual([1, 2]);
    expect(replaced[0]?.latencyMs?.p95).toBe(99);
  });

  it('describes each chart in one sentence', () => {
    const rising = toRows([second(1, { p95: 3 }), second(2, { p95: 50 }), second(3, { p95: 210 })]);
    expect(latencySentence(rising, false)).toMatch(/^p95 rose from 3\.0 ms to 210 ms over the run/);
    expect(latencySentence(toRows([second(1, { p95: 4 }), second(2, { p95: 4.2 })]), true)).toMatch(
      /held at about 4\.2 ms so far/,
    );
    expect(latencySentence([], true)).toBe('Waiting for the first answers.');
    const one = [second(1, { achieved: 50 })];
    expect(throughputSentence(toRows(one), { ...secondsFigures(one), achievedRps: 50, achievedPct: 50 })).toBe(
      'Achieved 50 req/s on average against a target of 100 req/s (50%).',
    );
    const closed = [second(1, { target: null, achieved: 80 })];
    expect(throughputSentence(toRows(closed), secondsFigures(closed))).toMatch(/closed model/);
    expect(errorSentence(toRows([second(1)]), false, secondsFigures([second(1)]))).toBe('No errors and no 429s.');
    const failing = [second(1, { s5xx: 1 }), second(2, { limited: 4 })];
    expect(errorSentence(toRows(failing), false, secondsFigures(failing))).toMatch(
      /^1 errors .* and 4 rate-limited \(429\); the worst second was at 2 s/,
    );
    // The short last window is left off the chart but not out of the totals: the sentence and the card agree.
    const withSliver = [second(1, { limited: 27_900 }), { ...second(2, { limited: 91 }), windowMs: 40, tMs: 1040 }];
    expect(toRows(withSliver)).toHaveLength(1);
    expect(errorSentence(toRows(withSliver), false, secondsFigures(withSliver))).toMatch(
      /and 27,991 rate-limited \(429\)/,
    );
    expect(hitSentence(toRows([second(1)]))).toMatch(/app cache is off/);
    expect(hitSentence(toRows([second(1, { hit: 1, miss: 9 }), second(2, { hit: 9, miss: 1 })]))).toBe(
      'The cache hit ratio rose from 10% to 90%.',
    );
  });

  it('puts percentiles on a nines scale', () => {
    expect(nines(0)).toBe(0);
    expect(nines(90)).toBe(1);
    expect(nines(99.9)).toBe(3);
    expect(nines(99.99)).toBe(4);
    expect(ninesLabel(2)).toBe('p99');
  });

  it('aligns two runs by second number, with gaps where one run is shorter', () => {
    const rows = compareRows([second(1, { p95: 200 }), second(2, { p95: 210 })], [second(1, { p95: 5 })]);
    expect(rows).toEqual([
      { t: 1, aP50: 100, aP95: 200, bP50: 2.5, bP95: 5 },
      { t: 2, aP50: 105, aP95: 210, bP50: null, bP95: null },
    ]);
    expect(compareRows([], [])).toEqual([]);
    expect(p95Range(rows, 'aP95')).toBe('200–210 ms');
    expect(p95Range(rows, 'bP95')).toBe('5.0 ms');
  });

  it('leaves out the sliver of a window at the end of a run', () => {
    const sliver = { ...second(7, { achieved: 0 }), tMs: 6012, windowMs: 12 };
    expect(toRows([second(6), sliver]).map((r) => r.t)).toEqual([6]);
    expect(compareRows([second(1), { ...sliver, second: 2 }], []).map((r) => r.t)).toEqual([1]);
  });
});
