/**
 * One formatter for every number and date the app shows: rounded to what is meaningful,
 * always with a unit, in the browser's locale (Intl's default), so a card, a legend, a
 * sentence, a table and an exported PNG never disagree about "12.3" versus "12.34 ms" or
 * about whether 3/12 is March or December. Tests pin a locale with `setFormatLocale`.
 */
let locale: string | undefined;

/** Pins the locale (tests); undefined means the runtime's default: the browser's own. */
export function setFormatLocale(next: string | undefined): void {
  locale = next;
  numberFormats.clear();
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with exactly `digits` decimals, grouped as the locale groups thousands. */
export function formatNumber(n: number, digits = 0): string {
  const key = String(digits);
  let f = numberFormats.get(key);
  if (!f)
    numberFormats.set(
      key,
      (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })),
    );
  return f.format(n);
}

const missing = (n: number | null | undefined): n is null | undefined =>
  n === null || n === undefined || !Number.isFinite(n);

/** Milliseconds: two significant figures below 10 ms, whole ms up to 10 s, then seconds. */
export function formatMs(ms: number | null | undefined): string {
  if (missing(ms)) return '–';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${formatNumber(ms, 2)} ms`;
  if (ms < 10) return `${formatNumber(ms, 1)} ms`;
  if (ms < 10_000) return `${formatNumber(ms, 0)} ms`;
  return `${formatNumber(ms / 1000, 1)} s`;
}

/** Requests per second: one decimal below 10, where 0.5 and 1 differ a lot. */
export function formatRps(rps: number | null | undefined): string {
  if (missing(rps)) return '–';
  const rounded = Math.round(rps * 10) / 10;
  return `${formatNumber(rounded, rounded < 10 && !Number.isInteger(rounded) ? 1 : 0)} req/s`;
}

/** A value already in percent (0..100). Small shares keep two decimals: 0.04% is not 0%. */
export function formatPct(pct: number | null | undefined): string {
  if (missing(pct)) return '–';
  const digits = pct < 1 ? 2 : 1;
  const rounded = Math.round(pct * 10 ** digits) / 10 ** digits;
  // "50%" rather than "50.0%": a trailing zero adds width, not information.
  return `${formatNumber(rounded, Number.isInteger(rounded) ? 0 : digits)}%`;
}

/** A ratio 0..1 shown as percent (the cache hit ratio). */
export const formatRatio = (r: number | null | undefined) => (missing(r) ? '–' : formatPct(r * 100));

export const formatCount = (n: number | null | undefined) => (missing(n) ? '–' : formatNumber(Math.round(n), 0));

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${formatNumber(bytes / 1000, 1)} kB`;
  if (bytes < 1_000_000_000) return `${formatNumber(bytes / 1_000_000, 1)} MB`;
  return `${formatNumber(bytes / 1_000_000_000, 2)} GB`;
}

/**
 * How B compares with A, in words ("42× lower"). Lower latency is usually the good news, so
 * the direction is named rather than shown as a signed number or a colour.
 */
export function formatChange(a: number | null | undefined, b: number | null | undefined): string {
  if (missing(a) || missing(b)) return '–';
  if (a === b) return 'same';
  if (a <= 0 || b <= 0) return b > a ? 'higher' : 'lower';
  const ratio = b > a ? b / a : a / b;
  if (ratio < 1.05) return 'about the same';
  return `${formatNumber(ratio, ratio >= 10 ? 0 : 1)}× ${b > a ? 'higher' : 'lower'}`;
}

/** Seconds left in a run: "6 s left", or what is happening once the sending has stopped. */
export function formatTimeLeft(elapsedSec: number, durationSec: number): string {
  const left = Math.max(0, Math.ceil(durationSec - elapsedSec));
  return left > 0 ? `${left} s left` : 'finishing: waiting for the last answers';
}

const asDate = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** Wall-clock time of day ("14:03:12", or "2:03:12 PM" where that is the custom). */
export function formatClock(iso: string): string {
  const d = asDate(iso);
  return d ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : iso;
}

/** Date and time, as the locale writes them: the one form every view and export uses. */
export function formatDateTime(iso: string): string {
  const d = asDate(iso);
  return d
    ? d.toLocaleString(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
    : iso;
}
