/**
 * Number formatting for the run views: rounded to what is meaningful, always with a unit,
 * so a table and a chart legend never disagree about "12.3" versus "12.34 ms".
 */

const en = (n: number, digits: number) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds: two significant figures below 10 ms, whole ms up to 10 s, then seconds. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${en(ms, 2)} ms`;
  if (ms < 10) return `${en(ms, 1)} ms`;
  if (ms < 10_000) return `${en(ms, 0)} ms`;
  return `${en(ms / 1000, 1)} s`;
}

/** Requests per second: one decimal for small rates, where 0.5 and 1 differ a lot. */
export function formatRps(rps: number | null | undefined): string {
  if (rps === null || rps === undefined || !Number.isFinite(rps)) return '–';
  return `${en(rps, rps < 10 && rps !== Math.round(rps) ? 1 : 0)} req/s`;
}

/** A value already in percent (0..100). Small shares keep two decimals: 0.04% is not 0%. */
export function formatPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '–';
  const digits = pct < 1 ? 2 : 1;
  const rounded = Math.round(pct * 10 ** digits) / 10 ** digits;
  // "50%" rather than "50.0%": a trailing zero adds width, not information.
  return `${en(rounded, Number.isInteger(rounded) ? 0 : digits)}%`;
}

/** A ratio 0..1 shown as percent (the cache hit ratio). */
export const formatRatio = (r: number | null | undefined) => (r === null || r === undefined ? '–' : formatPct(r * 100));

export function formatCount(n: number): string {
  return en(n, 0);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${en(bytes / 1000, 1)} kB`;
  if (bytes < 1_000_000_000) return `${en(bytes / 1_000_000, 1)} MB`;
  return `${en(bytes / 1_000_000_000, 2)} GB`;
}

/**
 * How B compares with A, in words ("42× lower"). Lower latency is usually the good news, so
 * the direction is named rather than shown as a signed number or a colour.
 */
export function formatChange(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined) return '–';
  if (a === b) return 'same';
  if (a <= 0 || b <= 0) return b > a ? 'higher' : 'lower';
  const ratio = b > a ? b / a : a / b;
  if (ratio < 1.05) return 'about the same';
  const shown = ratio >= 10 ? en(ratio, 0) : en(ratio, 1);
  return `${shown}× ${b > a ? 'higher' : 'lower'}`;
}

/** Seconds left in a run: "6 s left", or what is happening once the sending has stopped. */
export function formatTimeLeft(elapsedSec: number, durationSec: number): string {
  const left = Math.max(0, Math.ceil(durationSec - elapsedSec));
  return left > 0 ? `${left} s left` : 'finishing: waiting for the last answers';
}

/** Wall-clock time of a run's start, for the run pickers ("14:03:12"). */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
