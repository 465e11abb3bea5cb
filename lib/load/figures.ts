import type { Counts, SecondStats } from './stats';
import type { RunSummary } from './generator';

/**
 * Each figure of a run defined once: the load generator stores its summary with these
 * functions, and every view (cards, legends, sentences, tables, CSV, PNG, checks) reads a
 * run's figures from here, so one run never shows two achieved rates or two 429 counts.
 * Pure, tested beside this file.
 */
/** All zero: where every count of a second, a run or a group of clients starts. */
export function emptyCounts(): Counts {
  return {
    sent: 0,
    completed: 0,
    dropped: 0,
    late: 0,
    status: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    rateLimited: 0,
    timeouts: 0,
    errors: 0,
    cancelled: 0,
    cache: { hit: 0, miss: 0, bypass: 0, none: 0 },
    bytes: 0,
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Answers per second of the run's wall time, the drain after the last send included. */
export const achievedRate = (completed: number, elapsedMs: number) =>
  elapsedMs > 0 ? round((completed * 1000) / elapsedMs, 2) : 0;

/** Attempts that got no useful answer: 4xx (429s included), 5xx, timeouts, network errors. A 409 is an answer too, but a refused one. */
export function errorPctOf(c: Counts): number {
  const attempts = c.completed + c.timeouts + c.errors;
  return attempts > 0 ? round((100 * (c.status['4xx'] + c.status['5xx'] + c.timeouts + c.errors)) / attempts, 3) : 0;
}

/** The server failed: 5xx, timeouts and network errors (429s are counted apart: refused on purpose). */
export const serverErrorsOf = (c: Counts) => c.status['5xx'] + c.timeouts + c.errors;

/** HIT / (HIT + MISS); null when no response said either (the cache is off or not in the path). */
export function hitRatioOf(c: Counts): number | null {
  const judged = c.cache.hit + c.cache.miss;
  return judged > 0 ? round(c.cache.hit / judged, 4) : null;
}

export type RunFigures = {
  /** 'whole run' from the stored summary; 'so far' while the run is going, from its seconds. */
  scope: 'whole run' | 'so far';
  elapsedMs: number;
  targetRps: number | null;
  achievedRps: number;
  /** achieved as a share of the target, in percent; null in the closed model. */
  achievedPct: number | null;
  sent: number;
  completed: number;
  rateLimited: number;
  serverErrors: number;
  timeouts: number;
  errorPct: number;
  hitRatio: number | null;
  /** Responses that said X-Cache: MISS: each one computed by the database (a cache stampede is many of them). */
  cacheMisses: number;
  /** Percentiles of the whole run (null while live: percentiles of seconds cannot be merged). */
  latencyMs: { p50: number; p95: number; p99: number; max: number } | null;
};

const pctOf = (achieved: number, target: number | null) =>
  target && target > 0 ? round((100 * achieved) / target, 1) : null;

export function summaryFigures(s: RunSummary): RunFigures {
  const c = s.counts;
  return {
    scope: 'whole run',
    elapsedMs: s.elapsedMs,
    targetRps: s.targetRps,
    achievedRps: s.achievedRps,
    achievedPct: pctOf(s.achievedRps, s.targetRps),
    sent: c.sent,
    completed: c.completed,
    rateLimited: c.rateLimited,
    serverErrors: serverErrorsOf(c),
    timeouts: c.timeouts,
    errorPct: s.errorPct,
    hitRatio: s.hitRatio,
    cacheMisses: c.cache.miss,
    latencyMs: s.latencyMs
      ? { p50: s.latencyMs.p50, p95: s.latencyMs.p95, p99: s.latencyMs.p99, max: s.latencyMs.max }
      : null,
  };
}

/** A run so far, from every second it has sent (the short last window included, as in the summary). */
export function secondsFigures(seconds: readonly SecondStats[]): RunFigures {
  const c = emptyCounts();
  for (const s of seconds) {
    const x = s.counts;
    c.sent += x.sent;
    c.completed += x.completed;
    c.dropped += x.dropped;
    c.late += x.late;
    for (const k of ['1xx', '2xx', '3xx', '4xx', '5xx'] as const) c.status[k] += x.status[k];
    c.rateLimited += x.rateLimited;
    c.timeouts += x.timeouts;
    c.errors += x.errors;
    c.cancelled += x.cancelled;
    for (const k of ['hit', 'miss', 'bypass', 'none'] as const) c.cache[k] += x.cache[k];
    c.bytes += x.bytes;
  }
  const elapsedMs = seconds.at(-1)?.tMs ?? 0;
  const targets = seconds.map((s) => s.targetRps).filter((t): t is number => t !== null);
  const targetRps = targets.length ? Math.max(...targets) : null;
  const achievedRps = achievedRate(c.completed, elapsedMs);
  return {
    scope: 'so far',
    elapsedMs,
    targetRps,
    achievedRps,
    achievedPct: pctOf(achievedRps, targetRps),
    sent: c.sent,
    completed: c.completed,
    rateLimited: c.rateLimited,
    serverErrors: serverErrorsOf(c),
    timeouts: c.timeouts,
    errorPct: errorPctOf(c),
    hitRatio: hitRatioOf(c),
    cacheMisses: c.cache.miss,
    latencyMs: null,
  };
}
