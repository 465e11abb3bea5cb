import { describe, expect, it } from 'vitest';
import {
  createHotSet,
  createKeySampler,
  createRng,
  createWeightedPicker,
  createZipf,
  hotSetSize,
  uniformKey,
} from './distribution';

const N = 200_000;

function tally(n: number, draws: number, sample: () => number): number[] {
  const counts = new Array<number>(n + 1).fill(0);
  let outOfRange = 0;
  for (let i = 0; i < draws; i++) {
    const k = sample();
    if (!(k >= 1 && k <= n && Number.isInteger(k))) outOfRange++;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  expect(outOfRange).toBe(0);
  return counts;
}

const harmonic = (n: number, s: number) => {
  let h = 0;
  for (let k = 1; k <= n; k++) h += 1 / k ** s;
  return h;
};

describe('createRng', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('uniform', () => {
  it('spreads evenly over 1..n', () => {
    const rng = createRng(1);
    const counts = tally(10, N, () => uniformKey(rng, 10));
    for (let k = 1; k <= 10; k++) expect(Math.abs((counts[k] ?? 0) / N - 0.1)).toBeLessThan(0.005);
  });
});

describe('zipf (rejection-inversion)', () => {
  it.each([
    [100, 1.1],
    [1000, 0.5],
    [50, 1], // s = 1 exercises the series guards
    [1000, 2],
  ])('matches 1/k^s over 1..%i with s=%f', (n, s) => {
    const rng = createRng(123);
    const counts = tally(n, N, createZipf(n, s, rng));
    const h = harmonic(n, s);
    for (const k of [1, 2, 3, 10]) {
      const expected = 1 / k ** s / h;
      const observed = (counts[k] ?? 0) / N;
      // Within 4 standard errors of a binomial proportion, plus a floor for tiny p.
      const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / N) + 1e-4;
      expect(Math.abs(observed - expected)).toBeLessThan(tolerance);
    }
  });

  it('handles a large keyspace without precomputation', () => {
    const sample = createZipf(4_000_000, 1.1, createRng(5));
    const keys = Array.from({ length: 1000 }, sample);
    expect(Math.max(...keys)).toBeLessThanOrEqual(4_000_000);
    expect(keys.filter((k) => k === 1).length).toBeGreaterThan(50); // p(1) ≈ 0.09 here
  });
});

describe('hot set', () => {
  it('sends the hot share of traffic to ids 1..k and the rest to the others', () => {
    const n = 1000;
    const k = hotSetSize(n, 0.01);
    expect(k).toBe(10);
    const counts = tally(n, N, createHotSet(n, 0.01, 0.9, createRng(9)));
    const hot = counts.slice(1, k + 1).reduce((a, b) => a + b, 0);
    expect(Math.abs(hot / N - 0.9)).toBeLessThan(0.005);
    // Cold keys share the remaining 10% evenly: 0.1/990 each.
    const cold = counts.slice(k + 1).reduce((a, b) => a + b, 0);
    expect(Math.abs(cold / N - 0.1)).toBeLessThan(0.005);
  });

  it('keeps at least one hot key and never exceeds n', () => {
    expect(hotSetSize(10, 0.01)).toBe(1);
    expect(hotSetSize(1, 0.5)).toBe(1);
    const only = createHotSet(1, 0.5, 0.5, createRng(1));
    expect(Array.from({ length: 20 }, only).every((k) => k === 1)).toBe(true);
  });
});

describe('createKeySampler', () => {
  const opts = { distribution: 'zipf' as const, zipfSkew: 1.1, hotSetFraction: 0.01, hotTrafficFraction: 0.9 };

  it('gives the same keys for the same seed', () => {
    const a = createKeySampler(opts, createRng(42));
    const b = createKeySampler(opts, createRng(42));
    const sizes = [100_000, 10_000, 500, 730];
    const draw = (s: (n: number) => number) => Array.from({ length: 200 }, (_, i) => s(sizes[i % 4] ?? 1));
    expect(draw(a)).toEqual(draw(b));
  });

  it('rejects an empty keyspace', () => {
    expect(() => createKeySampler(opts, createRng(1))(0)).toThrow(RangeError);
  });
});

describe('createWeightedPicker', () => {
  it('picks in proportion to the weights (90% reads, 10% writes)', () => {
    const pick = createWeightedPicker(
      [
        { value: 'read', weight: 9 },
        { value: 'write', weight: 1 },
      ],
      createRng(3),
    );
    let writes = 0;
    for (let i = 0; i < N; i++) if (pick() === 'write') writes++;
    expect(Math.abs(writes / N - 0.1)).toBeLessThan(0.004);
  });

  it('refuses non-positive weights', () => {
    expect(() => createWeightedPicker([{ value: 1, weight: 0 }], createRng(1))).toThrow(RangeError);
  });
});
