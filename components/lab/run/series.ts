import type { z } from 'zod';
import type { runSummarySchema, secondStatsSchema } from '@/lib/runs/schema';
import type { RunFigures } from '@/lib/load/figures';
import { formatCount, formatMs, formatPct, formatRps } from '@/lib/format';

export type SecondStats = z.infer<typeof secondStatsSchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;

/**
 * One chart row per completed second. Values that do not exist in a second (no response, no
 * cache lookup) are null, so the line breaks instead of dropping to zero and lying.
 */
export type SecondRow = {
  /** End of the window, seconds since the run started: the x of every live chart. */
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  achieved: number;
  target: number | null;
  /** 5xx + timeouts + network errors: the server failed. */
  errors: number;
  /** 429s: the server refused on purpose; a different lesson from errors. */
  limited: number;
  /** HIT / (HIT + MISS) in percent. */
  hitPct: number | null;
};

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function errorsIn(s: SecondStats): number {
  return s.counts.status['5xx'] + s.counts.timeouts + s.counts.errors;
}

export function hitPctIn(s: Pick<SecondStats, 'counts'>): number | null {
  const { hit, miss } = s.counts.cache;
  return hit + miss === 0 ? null : round((100 * hit) / (hit + miss), 2);
}

/**
 * The last window of a run is cut short by the end of sending (often a few ms). Rates from
 * such a sliver are noise (0 req/s, or 2 responses in 5 ms = 400 req/s), so the charts leave
 * it out; its requests are still in the run's summary.
 */
export const MIN_WINDOW_MS = 200;
const fullWindows = (seconds: readonly SecondStats[]) => seconds.filter((s) => s.windowMs >= MIN_WINDOW_MS);

export function toRows(seconds: readonly SecondStats[]): SecondRow[] {
  return fullWindows(seconds).map((s) => ({
    t: round(s.tMs / 1000, 2),
    p50: s.latencyMs?.p50 ?? null,
    p95: s.latencyMs?.p95 ?? null,
    p99: s.latencyMs?.p99 ?? null,
    achieved: s.achievedRps,
    target: s.targetRps,
    errors: errorsIn(s),
    limited: s.counts.rateLimited,
    hitPct: hitPctIn(s),
  }));
}

/** Adds a second to a list, replacing one with the same number (a reconnect replays them). */
export function mergeSecond(seconds: readonly SecondStats[], next: SecondStats): SecondStats[] {
  const last = seconds[seconds.length - 1];
  if (!last || next.second > last.second) return [...seconds, next];
  return [...seconds.filter((s) => s.second !== next.second), next].sort((a, b) => a.second - b.second);
}

const defined = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

/** "rose from 3 ms to 210 ms", "held at about 4 ms": the trend of a latency column in words. */
function trend(values: number[], fmt: (n: number) => string): string {
  const first = values[0];
  const last = values[values.length - 1];
  if (first === undefined || last === undefined) return '';
  const peak = Math.max(...values);
  const peakNote = peak > 1.5 * Math.max(first, last) ? `, peaking at ${fmt(peak)}` : '';
  if (last > first * 1.2) return `rose from ${fmt(first)} to ${fmt(last)}${peakNote}`;
  if (last < first / 1.2) return `fell from ${fmt(first)} to ${fmt(last)}${peakNote}`;
  return `held at about ${fmt(last)}${peakNote}`;
}

export function latencySentence(rows: readonly SecondRow[], live: boolean): string {
  const p95 = defined(rows.map((r) => r.p95));
  if (p95.length === 0)
    return live ? 'Waiting for the first answers.' : 'No request was answered, so there is no latency to show.';
  const last = rows[rows.length - 1];
  const tail =
    last?.p50 !== null && last?.p99 !== null && last
      ? ` (last second: p50 ${formatMs(last.p50)}, p99 ${formatMs(last.p99)})`
      : '';
  return `p95 ${trend(p95, formatMs)} ${live ? 'so far' : 'over the run'}${tail}.`;
}

/** The achieved rate and the target come from the run's figures (lib/runs/figures.ts): the card says the same. */
export function throughputSentence(rows: readonly SecondRow[], fig: RunFigures): string {
  if (rows.length === 0 && fig.completed === 0) return 'Waiting for the first second.';
  if (fig.targetRps === null)
    return `The users got ${formatRps(fig.achievedRps)} on average: the rate is whatever the server allows (closed model).`;
  return `Achieved ${formatRps(fig.achievedRps)} on average against a target of ${formatRps(fig.targetRps)} (${formatPct(Math.min(fig.achievedPct ?? 0, 999))}).`;
}

/** Totals from the run's figures (every answer, the short last window's too); the worst second from the chart's rows. */
export function errorSentence(rows: readonly SecondRow[], live: boolean, fig: RunFigures): string {
  const errors = fig.serverErrors;
  const limited = fig.rateLimited;
  if (errors === 0 && limited === 0) return rows.length ? 'No errors and no 429s.' : 'Waiting for the first second.';
  const worst = rows.length ? rows.reduce((w, r) => (r.errors + r.limited > w.errors + w.limited ? r : w)) : null;
  const worstText = worst
    ? `; the worst second was at ${worst.t.toFixed(0)} s with ${formatCount(worst.errors)} errors and ${formatCount(worst.limited)} 429s`
    : '';
  return `${formatCount(errors)} errors (5xx, timeouts, network) and ${formatCount(limited)} rate-limited (429)${live ? ' so far' : ''}${worstText}.`;
}

export function hitSentence(rows: readonly SecondRow[]): string {
  const hits = defined(rows.map((r) => r.hitPct));
  if (hits.length === 0)
    return rows.length
      ? 'No response said HIT or MISS: the app cache is off or these endpoints are not cached.'
      : 'Waiting for the first second.';
  return `The cache hit ratio ${trend(hits, (n) => formatPct(n))}.`;
}

/**
 * The spectrum's x axis: "nines" (decades of 1/(1−p)), so p90, p99, p99.9 and p99.99 are
 * evenly spaced and the tail gets as much room as the median.
 */
export const nines = (percentile: number) => round(Math.log10(100 / Math.max(1e-6, 100 - percentile)), 4);
export const NINES_TICKS = [0, 1, 2, 3, 4] as const;
export const ninesLabel = (x: number) => ['p0', 'p90', 'p99', 'p99.9', 'p99.99'][Math.round(x)] ?? '';

export function spectrumRows(summary: RunSummary): { x: number; percentile: number; ms: number }[] {
  return summary.spectrum.map((p) => ({ x: nines(p.percentile), percentile: p.percentile, ms: p.ms }));
}

export function spectrumSentence(summary: RunSummary): string {
  const l = summary.latencyMs;
  if (!l) return 'No request was answered, so there is no spectrum.';
  return `Half of the requests took under ${formatMs(l.p50)}, 1 in 100 took over ${formatMs(l.p99)}, 1 in 1,000 over ${formatMs(l.p999)}; the slowest took ${formatMs(l.max)}.`;
}

export type CompareRow = {
  t: number;
  aP50: number | null;
  aP95: number | null;
  bP50: number | null;
  bP95: number | null;
};

/** Two runs on one time axis, aligned by second number (runs start at different wall-clock times). */
export function compareRows(a: readonly SecondStats[], b: readonly SecondStats[]): CompareRow[] {
  const byA = new Map(fullWindows(a).map((s) => [s.second, s]));
  const byB = new Map(fullWindows(b).map((s) => [s.second, s]));
  const last = Math.max(0, ...byA.keys(), ...byB.keys());
  const rows: CompareRow[] = [];
  for (let n = 1; n <= last; n++) {
    const x = byA.get(n)?.latencyMs ?? null;
    const y = byB.get(n)?.latencyMs ?? null;
    rows.push({ t: n, aP50: x?.p50 ?? null, aP95: x?.p95 ?? null, bP50: y?.p50 ?? null, bP95: y?.p95 ?? null });
  }
  return rows;
}

/** "3.0–12 ms": the spread of one run's per-second p95 (percentiles are not averaged across seconds). */
export function p95Range(rows: readonly CompareRow[], key: 'aP95' | 'bP95'): string {
  const xs = defined(rows.map((r) => r[key]));
  if (xs.length === 0) return '–';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? formatMs(lo) : `${formatMs(lo).replace(/ ms$/, '')}–${formatMs(hi)}`;
}
