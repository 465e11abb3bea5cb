import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Was the generator itself the bottleneck? A load generator that falls behind measures its
 * own delay and calls it the server's. These thresholds decide when a run's numbers are
 * flagged as unreliable, with a reason a learner can read and act on.
 */
export const RELIABILITY_THRESHOLDS = {
  /** p99 of the generator thread's event-loop delay, beyond the monitor's resolution. */
  loopDelayP99Ms: 20,
  /** Share of sends that left more than LATE_THRESHOLD_MS after their due time. */
  lateFraction: 0.05,
  /** Share of due requests never sent because the in-flight cap was full. */
  droppedFraction: 0.01,
} as const;

export type ReliabilityInput = {
  loopDelayP99Ms: number | null;
  loopDelayMaxMs: number | null;
  sent: number;
  late: number;
  dropped: number;
  lagP99Ms: number | null;
  maxInFlight: number;
  /** Runs sharing the generator's thread at the end of this one, to explain a delayed loop. */
  concurrentRuns?: number;
};

export type Reliability = { reliable: boolean; reasons: string[] };

const ms = (x: number) => (x >= 10 ? Math.round(x).toString() : x.toFixed(1));
const pct = (x: number) => (x >= 10 ? Math.round(x).toString() : x.toFixed(1));

export function assessReliability(input: ReliabilityInput, t = RELIABILITY_THRESHOLDS): Reliability {
  const reasons: string[] = [];
  const others =
    input.concurrentRuns && input.concurrentRuns > 1 ? ` while ${input.concurrentRuns} runs shared its thread` : '';

  if (input.loopDelayP99Ms !== null && input.loopDelayP99Ms > t.loopDelayP99Ms) {
    const worst = input.loopDelayMaxMs !== null ? `; worst ${ms(input.loopDelayMaxMs)} ms` : '';
    reasons.push(
      `The generator's event loop was delayed up to ${ms(input.loopDelayP99Ms)} ms (p99${worst})${others}; its own latency is in these numbers.`,
    );
  }

  if (input.sent > 0 && input.late / input.sent > t.lateFraction) {
    const lag = input.lagP99Ms !== null ? ` (p99 ${ms(input.lagP99Ms)} ms behind)` : '';
    reasons.push(
      `${input.late} of ${input.sent} requests (${pct((100 * input.late) / input.sent)}%) left late${lag}: the generator could not keep to its schedule, so the server got bursts instead of a steady rate.`,
    );
  }

  const due = input.sent + input.dropped;
  if (due > 0 && input.dropped / due > t.droppedFraction) {
    reasons.push(
      `${input.dropped} of ${due} due requests (${pct((100 * input.dropped) / due)}%) were not sent because ${input.maxInFlight} were already waiting for answers; the percentiles leave them out, so the real latency is worse.`,
    );
  }

  return { reliable: reasons.length === 0, reasons };
}

export type LoopDelay = { p50: number; p99: number; max: number };

const LOOP_PROBE_MS = 10;

/**
 * Watches this thread's event loop for one run. The probe fires every LOOP_PROBE_MS and
 * node records the whole interval, so only the excess over it is delay.
 */
export function watchEventLoop(): { stop: () => LoopDelay | null } {
  const h = monitorEventLoopDelay({ resolution: LOOP_PROBE_MS });
  h.enable();
  return {
    stop() {
      h.disable();
      if (h.count === 0) return null;
      const excess = (ns: number) => Math.max(0, Math.round((ns / 1e6 - LOOP_PROBE_MS) * 10) / 10);
      return { p50: excess(h.percentile(50)), p99: excess(h.percentile(99)), max: excess(h.max) };
    },
  };
}
