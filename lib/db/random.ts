/**
 * A small seeded PRNG (mulberry32). The dataset must be byte-for-byte the same on every
 * machine so that lessons, tests and screenshots describe the same data.
 */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * A skewed pick in [1, n]: a few ids get most of the traffic, as real customers and
 * products do. `skew` > 1 concentrates more; 1 is uniform.
 */
export function skewedId(rng: Rng, n: number, skew: number): number {
  return Math.min(n, 1 + Math.floor(n * Math.pow(rng(), skew)));
}
