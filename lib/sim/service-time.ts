import type { Rng } from '../random';

/**
 * Service times for the simulation. A measured model resamples the learner's own run: the
 * run's percentile spectrum ([{percentile, ms}], p0 to p99.99) is an empirical CDF, and
 * inverse-transform sampling (draw u, read the ms at percentile u, interpolating linearly
 * between stored points) gives draws with the same distribution, tail included. An
 * assumed model (exponential with a stated mean) exists for learners with no run yet, and
 * for the queueing-theory tests; it is always labelled as assumed.
 */
export type SpectrumPoint = { percentile: number; ms: number };
export type ServiceSampler = (rng: Rng) => number;

/** Sorted, de-duplicated CDF points; throws if there is nothing to sample from. */
export function cdfPoints(spectrum: readonly SpectrumPoint[]): SpectrumPoint[] {
  const clean = spectrum
    .filter(
      (p) =>
        Number.isFinite(p.percentile) && Number.isFinite(p.ms) && p.ms >= 0 && p.percentile >= 0 && p.percentile <= 100,
    )
    .slice()
    .sort((a, b) => a.percentile - b.percentile);
  const out: SpectrumPoint[] = [];
  for (const p of clean) {
    const last = out.at(-1);
    if (last && last.percentile === p.percentile) {
      last.ms = Math.max(last.ms, p.ms);
      continue;
    }
    // A CDF never goes down; HDR buckets can make neighbours equal, never smaller.
    out.push({ percentile: p.percentile, ms: Math.max(p.ms, last?.ms ?? 0) });
  }
  if (out.length === 0) throw new RangeError('a spectrum needs at least one point to sample from');
  return out;
}

/** Inverse-CDF sampler over a percentile spectrum. */
export function spectrumSampler(spectrum: readonly SpectrumPoint[]): ServiceSampler {
  const pts = cdfPoints(spectrum);
  const first = pts[0] as SpectrumPoint;
  const last = pts[pts.length - 1] as SpectrumPoint;
  return (rng) => {
    const u = rng() * 100;
    if (u <= first.percentile) return first.ms;
    if (u >= last.percentile) return last.ms;
    let lo = 0;
    let hi = pts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((pts[mid] as SpectrumPoint).percentile <= u) lo = mid;
      else hi = mid;
    }
    const a = pts[lo] as SpectrumPoint;
    const b = pts[hi] as SpectrumPoint;
    const f = (u - a.percentile) / (b.percentile - a.percentile);
    return a.ms + f * (b.ms - a.ms);
  };
}

/** The mean of the piecewise-linear distribution the sampler draws from (trapezoid rule). */
export function spectrumMean(spectrum: readonly SpectrumPoint[]): number {
  const pts = cdfPoints(spectrum);
  const first = pts[0] as SpectrumPoint;
  const last = pts[pts.length - 1] as SpectrumPoint;
  let sum = first.ms * first.percentile + last.ms * (100 - last.percentile);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as SpectrumPoint;
    const b = pts[i] as SpectrumPoint;
    sum += ((a.ms + b.ms) / 2) * (b.percentile - a.percentile);
  }
  return sum / 100;
}

/** Exponential with the given mean: the M in M/M/1. */
export function exponentialSampler(meanMs: number): ServiceSampler {
  if (!(meanMs > 0)) throw new RangeError(`an exponential needs a positive mean (got ${meanMs})`);
  return (rng) => -meanMs * Math.log(1 - rng());
}
