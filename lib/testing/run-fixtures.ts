import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from '../knobs/schema';
import { INDEX_NAMES } from '../knobs/registry';
import type { RunSummary } from '../load/generator';
import { emptyCounts } from '../load/figures';
import { loadProfileSchema, type LoadProfileInput } from '../load/profile';
import type { Counts } from '../load/stats';
import type { RunRecord } from '../runs/schema';

/**
 * Run records as the runs API sends and the store keeps them, for tests (lesson checks,
 * verdicts, component tests). Numbers are fixed and small so a test can assert the exact
 * figures read from them; each test states only what its case is about.
 */
export const counts = (n: number, over: Partial<Counts> = {}): Counts => ({
  ...emptyCounts(),
  sent: n,
  completed: n,
  status: { '1xx': 0, '2xx': n, '3xx': 0, '4xx': 0, '5xx': 0 },
  cache: { hit: 0, miss: 0, bypass: n, none: 0 },
  bytes: n * 100,
  ...over,
});

/** Full percentiles around a p95, the figure checks read. */
export const latencyAround = (p95: number) => ({
  min: 1,
  p50: p95 / 2,
  p90: p95,
  p95,
  p99: p95,
  p999: p95,
  max: p95,
  mean: p95 / 2,
});

export function second(i: number, rps = 20): RunRecord['seconds'][number] {
  return {
    second: i,
    tMs: (i + 1) * 1000,
    windowMs: 1000,
    targetRps: rps,
    achievedRps: rps,
    sentRps: rps,
    inFlight: 1,
    counts: counts(rps),
    latencyMs: { p50: 4, p95: 9, p99: 12, max: 15 },
    serviceMs: { p50: 3, p95: 8, p99: 11, max: 14 },
    maxLagMs: 0,
  };
}

/** A summary of a clean constant-arrival run: `n` answers, all 2xx, with latency around `p95`. */
export function summary(p95: number, n: number, over: Partial<RunSummary> = {}): RunSummary {
  const latency = latencyAround(p95);
  return {
    elapsedMs: 10_000,
    targetRps: n / 10,
    achievedRps: n / 10,
    counts: counts(n),
    latencyMs: latency,
    serviceMs: latency,
    errorPct: 0,
    hitRatio: null,
    spectrum: [],
    lagMs: null,
    model: 'constant-arrival',
    aborted: false,
    drainMs: 0,
    maxInFlight: 1,
    reliable: true,
    reasons: [],
    loopDelayMs: null,
    fair: null,
    ...over,
  };
}

/** The knob snapshot a run records: settings and every teaching index, from one patch. */
export function knobsOf(patch: SettingsPatch = {}): RunRecord['knobs'] {
  const { indexes = {}, ...settings } = patch;
  return {
    settings: mergeSettings(DEFAULT_SETTINGS, settings),
    indexes: INDEX_NAMES.map((name) => ({ name, sql: '', present: indexes[name] ?? false, lastBuildMs: null })),
  };
}

export function runRecord(over: Partial<RunRecord> = {}, profile: Partial<LoadProfileInput> = {}): RunRecord {
  return {
    id: 'run_test1',
    status: 'running',
    startedAt: '2026-01-01T10:00:00Z',
    endedAt: null,
    error: null,
    note: null,
    lesson: null,
    profile: loadProfileSchema.parse({ model: 'constant-arrival', rate: 20, durationSec: 3, ...profile }),
    knobs: knobsOf(),
    seconds: [],
    summary: null,
    ...over,
  };
}

/** A completed run of `profile` with these knobs, its summary around `p95`. */
export function completedRun(
  id: string,
  p95: number,
  o: { profile: LoadProfileInput; knobs?: SettingsPatch; summary?: Partial<RunSummary>; n?: number },
  over: Partial<RunRecord> = {},
): RunRecord {
  return runRecord({
    id,
    status: 'completed',
    startedAt: '2026-01-01T00:00:00Z',
    endedAt: '2026-01-01T00:00:10Z',
    profile: loadProfileSchema.parse(o.profile),
    knobs: knobsOf(o.knobs),
    summary: summary(p95, o.n ?? 50, o.summary),
    ...over,
  });
}

export function finished(run: RunRecord): RunRecord {
  return {
    ...run,
    status: 'completed',
    endedAt: '2026-01-01T10:00:03Z',
    seconds: run.seconds.length ? run.seconds : [second(0), second(1), second(2)],
    summary: summary(0, 60, {
      elapsedMs: 3000,
      targetRps: 20,
      achievedRps: 20,
      latencyMs: { min: 1, p50: 4, p90: 8, p95: 9, p99: 12, p999: 15, max: 15, mean: 5 },
      serviceMs: { min: 1, p50: 4, p90: 8, p95: 9, p99: 12, p999: 15, max: 15, mean: 5 },
    }),
  };
}

export const runList = (runs: RunRecord[]) => ({
  data: runs.map(({ seconds: _seconds, ...item }) => item),
  pagination: { limit: 20, nextCursor: null, hasMore: false },
});
