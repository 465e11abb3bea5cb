import { createHistogram } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { fullPercentiles, percentiles, spectrum } from './histogram';

const near = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? NaN) - expected) / expected).toBeLessThan(0.001);

describe('percentile maths', () => {
  it('has nothing to say about an empty histogram', () => {
    expect(percentiles(createHistogram())).toBeNull();
    expect(fullPercentiles(createHistogram())).toBeNull();
  });

  it('reads exact percentiles of 1..1000 µs', () => {
    const h = createHistogram();
    for (let us = 1; us <= 1000; us++) h.record(us);
    expect(fullPercentiles(h)).toEqual({
      min: 0.001,
      p50: 0.5,
      p90: 0.9,
      p95: 0.95,
      p99: 0.99,
      p999: 0.999,
      max: 1,
      mean: 0.501,
    });
  });

  it('keeps 3 significant figures at large values', () => {
    const h = createHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i * 100); // 100 µs .. 1 s
    const p = fullPercentiles(h);
    near(p?.p50, 500);
    near(p?.p99, 990);
  });

  it('spreads a spectrum from p0 to p99.99 on a log scale', () => {
    const h = createHistogram();
    for (let us = 1; us <= 100_000; us++) h.record(us);
    const s = spectrum(h);
    expect(s).toHaveLength(20);
    expect(s[0]).toEqual({ percentile: 0, ms: 0.001 });
    expect(s[19]?.percentile).toBe(99.99);
    expect(s.map((p) => p.percentile).slice(0, 5)).toEqual([0, 38.4152, 62.0731, 76.6428, 85.6155]);
    for (let i = 1; i < s.length; i++) expect(s[i]!.ms).toBeGreaterThanOrEqual(s[i - 1]!.ms);
    expect(spectrum(createHistogram())).toEqual([]);
  });
});
