import { createRng, type Rng } from '../random';

// The dataset's randomness: the same seeded generator the load runs use.
export { createRng, type Rng };

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
