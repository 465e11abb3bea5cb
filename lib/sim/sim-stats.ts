/**
 * Summaries for the simulation's outputs: percentiles by nearest rank over all samples
 * (never averaged across seconds or instances), rounded to what is meaningful.
 */
export type LatencySummary = { p50: number; p95: number; p99: number; mean: number; max: number };

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of an ascending array. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarise(samples: readonly number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  const s = Float64Array.from(samples).sort();
  const arr = Array.from(s);
  let sum = 0;
  for (const x of arr) sum += x;
  return {
    p50: round(percentileOf(arr, 50)),
    p95: round(percentileOf(arr, 95)),
    p99: round(percentileOf(arr, 99)),
    mean: round(sum / arr.length),
    max: round(arr[arr.length - 1] as number),
  };
}

/** Adds a busy interval [start, end) ms to per-second buckets, splitting at second edges. */
export function addBusy(buckets: number[], startMs: number, endMs: number): void {
  let t = startMs;
  while (t < endMs) {
    const sec = Math.floor(t / 1000);
    const edge = Math.min(endMs, (sec + 1) * 1000);
    buckets[sec] = (buckets[sec] ?? 0) + (edge - t);
    t = edge;
  }
}
