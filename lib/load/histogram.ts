import type { RecordableHistogram } from 'node:perf_hooks';

/**
 * Histogram maths over node:perf_hooks' HDR histograms (RecordableHistogram). Samples are
 * whole microseconds; results are ms with µs precision. HDR keeps 3 significant figures:
 * exact below 2.048 ms, within 0.1% above, and a value reads as the upper edge of its bucket.
 */
export type Percentiles = { p50: number; p95: number; p99: number; max: number };
export type FullPercentiles = Percentiles & { min: number; p90: number; p999: number; mean: number };

export type SpectrumPoint = { percentile: number; ms: number };

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
export const usToMs = (us: number) => Math.round(us) / 1000;

export function record(h: RecordableHistogram, us: number) {
  h.record(Math.max(1, Math.round(us)));
}

export function percentiles(h: RecordableHistogram): Percentiles | null {
  if (h.count === 0) return null;
  return {
    p50: usToMs(h.percentile(50)),
    p95: usToMs(h.percentile(95)),
    p99: usToMs(h.percentile(99)),
    max: usToMs(h.max),
  };
}

export function fullPercentiles(h: RecordableHistogram): FullPercentiles | null {
  const base = percentiles(h);
  if (!base) return null;
  return {
    ...base,
    min: usToMs(h.min),
    p90: usToMs(h.percentile(90)),
    p999: usToMs(h.percentile(99.9)),
    mean: usToMs(h.mean),
  };
}

/**
 * Percentile spectrum for a chart with a log x-axis in 1/(1−p): `points` percentiles from p0
 * (the minimum) to p99.99, evenly spaced in log10(1/(1−p)), so the tail gets as many points
 * as the body.
 */
export function spectrum(h: RecordableHistogram, points = 20): SpectrumPoint[] {
  if (h.count === 0) return [];
  const out: SpectrumPoint[] = [];
  for (let j = 0; j < points; j++) {
    const decades = (4 * j) / (points - 1);
    const p = round4(100 * (1 - 10 ** -decades));
    out.push({ percentile: p, ms: usToMs(p <= 0 ? h.min : h.percentile(p)) });
  }
  return out;
}
