import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { cdfPoints, exponentialSampler, spectrumMean, spectrumSampler } from './service-time';
import { percentileOf } from './sim-stats';

// The shape a real run stores: p0 (min) ... p99.99, with a long tail.
const spectrum = [
  { percentile: 0, ms: 0.2 },
  { percentile: 50, ms: 1 },
  { percentile: 90, ms: 2 },
  { percentile: 99, ms: 10 },
  { percentile: 99.99, ms: 40 },
];

function draws(sample: (rng: () => number) => number, n: number, seed = 7): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => sample(rng)).sort((a, b) => a - b);
}

describe('spectrumSampler (inverse CDF of a run spectrum)', () => {
  it('reproduces the percentiles it was built from', () => {
    const xs = draws(spectrumSampler(spectrum), 200_000);
    expect(percentileOf(xs, 50)).toBeCloseTo(1, 1);
    expect(percentileOf(xs, 90)).toBeCloseTo(2, 1);
    expect(Math.abs(percentileOf(xs, 99) - 10) / 10).toBeLessThan(0.05);
    expect(xs[0]).toBeGreaterThanOrEqual(0.2);
    expect(xs.at(-1)).toBeLessThanOrEqual(40);
  });

  it('has the mean that spectrumMean computes', () => {
    const xs = draws(spectrumSampler(spectrum), 200_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - spectrumMean(spectrum)) / spectrumMean(spectrum)).toBeLessThan(0.02);
  });

  it('interpolates between points: p70 lies between p50 and p90', () => {
    const xs = draws(spectrumSampler(spectrum), 100_000);
    expect(percentileOf(xs, 70)).toBeCloseTo(1.5, 1);
  });

  it('cleans unordered, duplicated and non-monotone points', () => {
    const pts = cdfPoints([
      { percentile: 90, ms: 2 },
      { percentile: 50, ms: 3 },
      { percentile: 50, ms: 1 },
      { percentile: 0, ms: 0.5 },
    ]);
    expect(pts).toEqual([
      { percentile: 0, ms: 0.5 },
      { percentile: 50, ms: 3 },
      { percentile: 90, ms: 3 },
    ]);
  });

  it('a single point is a constant; no points is an error', () => {
    const one = spectrumSampler([{ percentile: 50, ms: 4 }]);
    const rng = createRng(1);
    expect([one(rng), one(rng), one(rng)]).toEqual([4, 4, 4]);
    expect(() => spectrumSampler([])).toThrow(RangeError);
  });
});

describe('exponentialSampler', () => {
  it('has the stated mean', () => {
    const xs = draws(exponentialSampler(5), 200_000, 3);
    expect(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length - 5)).toBeLessThan(0.1);
    expect(() => exponentialSampler(0)).toThrow(RangeError);
  });
});
