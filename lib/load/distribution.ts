/**
 * Seeded randomness for the load generator: which endpoint, which key. Everything takes its
 * RNG as a parameter so a run with the same seed asks for the same keys in the same order,
 * and tests can check frequencies without flakiness.
 */
import { createRng, type Rng } from '../random';

export { createRng, type Rng };

/** Uniform integer in [1, n]. */
export function uniformKey(rng: Rng, n: number): number {
  return 1 + Math.floor(rng() * n);
}

/**
 * Zipf over 1..n with exponent s: P(k) ∝ 1/k^s. Rejection-inversion (Hörmann & Derflinger
 * 1996, as in Apache Commons RNG): O(1) memory and set-up for any n, so the full 100k-user
 * keyspace (or 400k at scale 4) costs nothing to prepare, unlike a precomputed CDF.
 */
export function createZipf(n: number, s: number, rng: Rng): () => number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`zipf needs n >= 1 (got ${n})`);
  if (!(s > 0)) throw new RangeError(`zipf needs skew > 0 (got ${s})`);
  const h = (x: number) => Math.exp(-s * Math.log(x));
  const hIntegral = (x: number) => {
    const logX = Math.log(x);
    return helper2((1 - s) * logX) * logX;
  };
  const hIntegralInverse = (x: number) => {
    let t = x * (1 - s);
    if (t < -1) t = -1; // numerical guard: the true value is never below -1
    return Math.exp(helper1(t) * x);
  };
  const hIntegralX1 = hIntegral(1.5) - 1;
  const hIntegralN = hIntegral(n + 0.5);
  const squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));

  return () => {
    for (;;) {
      const u = hIntegralN + rng() * (hIntegralX1 - hIntegralN);
      const x = hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > n) k = n;
      if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) return k;
    }
  };
}

/** log1p(x)/x, stable near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, stable near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

/** Size of the hot set: at least one key, never the whole keyspace unless n is 1. */
export function hotSetSize(n: number, hotSetFraction: number): number {
  return Math.min(n, Math.max(1, Math.round(n * hotSetFraction)));
}

/**
 * Hot set: hotTrafficFraction of picks go to ids 1..k (k = hotSetFraction·n; low ids are the
 * popular ones in the dataset), the rest uniformly to k+1..n, so the hot keys get exactly
 * that share of the traffic and the cold ones none of it.
 */
export function createHotSet(n: number, hotSetFraction: number, hotTrafficFraction: number, rng: Rng): () => number {
  const k = hotSetSize(n, hotSetFraction);
  return () => {
    if (k >= n || rng() < hotTrafficFraction) return uniformKey(rng, k);
    return k + uniformKey(rng, n - k);
  };
}

export type KeyOptions = {
  distribution: 'uniform' | 'zipf' | 'hot-set';
  zipfSkew: number;
  hotSetFraction: number;
  hotTrafficFraction: number;
};

/** Picks a key in 1..n for a keyspace of size n. */
export type KeySampler = (n: number) => number;

/**
 * One sampler for every keyspace size an endpoint asks about (users, products, pages, days);
 * the per-size set-up is cached, so asking is O(1) after the first call.
 */
export function createKeySampler(keys: KeyOptions, rng: Rng): KeySampler {
  const bySize = new Map<number, () => number>();
  const make = (n: number): (() => number) => {
    switch (keys.distribution) {
      case 'uniform':
        return () => uniformKey(rng, n);
      case 'zipf':
        return createZipf(n, keys.zipfSkew, rng);
      case 'hot-set':
        return createHotSet(n, keys.hotSetFraction, keys.hotTrafficFraction, rng);
    }
  };
  return (n: number) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`keyspace size must be a positive integer (got ${n})`);
    let sample = bySize.get(n);
    if (!sample) {
      sample = make(n);
      bySize.set(n, sample);
    }
    return sample();
  };
}

/** Weighted choice over a short list (the endpoint mix has at most 8 entries). */
export function createWeightedPicker<T>(items: readonly { value: T; weight: number }[], rng: Rng): () => T {
  if (items.length === 0) throw new RangeError('weighted pick from an empty list');
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    if (!(item.weight > 0)) throw new RangeError(`weights must be positive (got ${item.weight})`);
    total += item.weight;
    cumulative.push(total);
  }
  const values = items.map((i) => i.value);
  const last = values[values.length - 1] as T;
  return () => {
    const r = rng() * total;
    for (let i = 0; i < cumulative.length; i++) {
      if (r < (cumulative[i] as number)) return values[i] as T;
    }
    return last; // r === total can only come from rounding
  };
}
