import { createHistogram } from 'node:perf_hooks';
import {
  fullPercentiles,
  percentiles,
  record,
  spectrum,
  usToMs,
  type FullPercentiles,
  type Percentiles,
  type SpectrumPoint,
} from './histogram';
import { emptyCounts } from './figures';

import { achievedRate, errorPctOf, hitRatioOf } from './figures';

export type { FullPercentiles, Percentiles, SpectrumPoint } from './histogram';

/**
 * Counters and HDR histograms for one run: one set per second (for the live charts, reset on
 * every snapshot) and one cumulative. Latencies are recorded in whole microseconds with 3
 * significant figures (exact below 2.048 ms, within 0.1% above; a value reads as the upper
 * edge of its bucket) and reported in ms with µs precision. Percentiles always come from a
 * histogram of samples; they are never averaged across seconds.
 *
 * What goes into the latency histogram: every response (any status, 429 included) and every
 * timeout (at the time it was given up, so a stuck server shows as a long tail instead of
 * vanishing). Network errors and requests cancelled by a stop are counted, not timed.
 */

/** A send more than this after its due time counts as late: beyond one timer tick plus jitter. */
export const LATE_THRESHOLD_MS = 5;

export type Outcome =
  | { kind: 'response'; status: number; cache: string | undefined; bytes: number }
  | { kind: 'timeout' }
  | { kind: 'error' }
  | { kind: 'cancelled' };

export type Counts = {
  sent: number;
  /** Got a full response, whatever its status. */
  completed: number;
  /** Due but never sent because the in-flight cap was reached (open model). */
  dropped: number;
  /** Sent more than LATE_THRESHOLD_MS after their due time. */
  late: number;
  status: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  rateLimited: number;
  timeouts: number;
  errors: number;
  cancelled: number;
  cache: { hit: number; miss: number; bypass: number; none: number };
  /** Response body bytes. */
  bytes: number;
};

export type SecondStats = {
  /** 1-based index of this window; the window ends tMs after the run started. */
  second: number;
  tMs: number;
  windowMs: number;
  targetRps: number | null;
  /** Responses completed per second in this window (throughput). */
  achievedRps: number;
  sentRps: number;
  inFlight: number;
  counts: Counts;
  latencyMs: Percentiles | null;
  serviceMs: Percentiles | null;
  /** Worst lateness of a send in this window (how far the generator fell behind). */
  maxLagMs: number;
};

export type StatsSummary = {
  elapsedMs: number;
  targetRps: number | null;
  achievedRps: number;
  counts: Counts;
  latencyMs: FullPercentiles | null;
  serviceMs: FullPercentiles | null;
  /** Share of attempts that did not succeed: 4xx (429 included), 5xx, timeouts, network errors. */
  errorPct: number;
  /** HIT / (HIT + MISS); null when no response said either. */
  hitRatio: number | null;
  spectrum: SpectrumPoint[];
  lagMs: { p99: number; max: number } | null;
  /**
   * The legitimate clients alone: every client but the abuser (all of them when there is
   * none). A rate limiter that refuses the abuser is doing its job, so what the capstone
   * grades is what the other clients got. Null only in runs stored before this existed.
   */
  fair: FairSummary | null;
};

export type FairSummary = {
  sent: number;
  completed: number;
  dropped: number;
  rateLimited: number;
  timeouts: number;
  /**
   * Requests the API failed to serve: 429s, 5xx, timeouts and network errors. Unlike
   * errorPct, other 4xx do not count: a 409 "out of stock" is a correct answer to an order.
   */
  failed: number;
  errorPct: number;
  latencyMs: FullPercentiles | null;
};

const copyCounts = (c: Counts): Counts => ({ ...c, status: { ...c.status }, cache: { ...c.cache } });
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function createRunStats(startMs: number) {
  const total = emptyCounts();
  const fair = { counts: emptyCounts(), latency: createHistogram() };
  let second = emptyCounts();
  const latency = { second: createHistogram(), total: createHistogram() };
  const service = { second: createHistogram(), total: createHistogram() };
  const lag = createHistogram();
  let secondMaxLagMs = 0;
  let lastSnapshotMs = startMs;
  let snapshots = 0;

  const bump = (fn: (c: Counts) => void) => {
    fn(total);
    fn(second);
  };

  return {
    /** lagMs: actual send time minus due time (0 in the closed model). */
    recordSent(lagMs: number, abuser = false) {
      const isLate = lagMs > LATE_THRESHOLD_MS;
      if (!abuser) fair.counts.sent++;
      bump((c) => {
        c.sent++;
        if (isLate) c.late++;
      });
      record(lag, lagMs * 1000);
      if (lagMs > secondMaxLagMs) secondMaxLagMs = lagMs;
    },

    recordDropped(abuser = false) {
      if (!abuser) fair.counts.dropped++;
      bump((c) => c.dropped++);
    },

    /** latencyUs from the intended send (open model), serviceUs from the actual send. */
    recordResult(latencyUs: number, serviceUs: number, outcome: Outcome, abuser = false) {
      if (!abuser) tally(fair.counts, outcome);
      if (outcome.kind === 'response' || outcome.kind === 'timeout') {
        if (!abuser) record(fair.latency, latencyUs);
        record(latency.second, latencyUs);
        record(latency.total, latencyUs);
        record(service.second, serviceUs);
        record(service.total, serviceUs);
      }
      bump((c) => tally(c, outcome));
    },

    /** Closes the current one-second window: returns it and starts the next. */
    snapshotSecond(atMs: number, targetRps: number | null, inFlight: number): SecondStats {
      const windowMs = Math.max(0, atMs - lastSnapshotMs);
      const perSec = (n: number) => (windowMs > 0 ? round((n * 1000) / windowMs, 2) : 0);
      const out: SecondStats = {
        second: ++snapshots,
        tMs: round(atMs - startMs, 3),
        windowMs: round(windowMs, 3),
        targetRps: targetRps === null ? null : round(targetRps, 2),
        achievedRps: perSec(second.completed),
        sentRps: perSec(second.sent),
        inFlight,
        counts: copyCounts(second),
        latencyMs: percentiles(latency.second),
        serviceMs: percentiles(service.second),
        maxLagMs: round(secondMaxLagMs, 3),
      };
      latency.second.reset();
      service.second.reset();
      second = emptyCounts();
      secondMaxLagMs = 0;
      lastSnapshotMs = atMs;
      return out;
    },

    /**
     * endMs: when sending ended; lastMs: when the last answer came (the drain included). The
     * achieved rate is over the whole wall time, the same figure the seconds add up to
     * (lib/runs/figures.ts), so the card and the chart never disagree.
     */
    summary(endMs: number, targetRps: number | null, lastMs = endMs): StatsSummary {
      const elapsedMs = Math.max(0, endMs - startMs);
      return {
        elapsedMs: round(elapsedMs, 3),
        targetRps,
        achievedRps: achievedRate(total.completed, Math.max(elapsedMs, lastMs - startMs)),
        counts: copyCounts(total),
        latencyMs: fullPercentiles(latency.total),
        serviceMs: fullPercentiles(service.total),
        errorPct: errorPctOf(total),
        hitRatio: hitRatioOf(total),
        spectrum: spectrum(latency.total),
        lagMs: lag.count > 0 ? { p99: usToMs(lag.percentile(99)), max: usToMs(lag.max) } : null,
        fair: fairSummary(fair.counts, fair.latency),
      };
    },

    totals(): Counts {
      return copyCounts(total);
    },
  };
}

export type RunStats = ReturnType<typeof createRunStats>;

function tally(c: Counts, outcome: Outcome): void {
  switch (outcome.kind) {
    case 'timeout':
      c.timeouts++;
      return;
    case 'error':
      c.errors++;
      return;
    case 'cancelled':
      c.cancelled++;
      return;
    case 'response': {
      c.completed++;
      c.bytes += outcome.bytes;
      const cls = Math.floor(outcome.status / 100);
      if (cls >= 1 && cls <= 5) c.status[`${cls}xx` as keyof Counts['status']]++;
      if (outcome.status === 429) c.rateLimited++;
      const cache = outcome.cache?.toUpperCase();
      if (cache === 'HIT') c.cache.hit++;
      else if (cache === 'MISS') c.cache.miss++;
      else if (cache === 'BYPASS') c.cache.bypass++;
      else c.cache.none++;
    }
  }
}

function fairSummary(c: Counts, latency: Parameters<typeof fullPercentiles>[0]): FairSummary {
  const attempts = c.completed + c.timeouts + c.errors;
  const failed = c.rateLimited + c.status['5xx'] + c.timeouts + c.errors;
  return {
    sent: c.sent,
    completed: c.completed,
    dropped: c.dropped,
    rateLimited: c.rateLimited,
    timeouts: c.timeouts,
    failed,
    errorPct: attempts > 0 ? round((100 * failed) / attempts, 3) : 0,
    latencyMs: fullPercentiles(latency),
  };
}
