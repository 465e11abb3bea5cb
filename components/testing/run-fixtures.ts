import { DEFAULT_SETTINGS } from '@/lib/knobs/schema';
import { INDEX_NAMES } from '@/lib/knobs/registry';
import { loadProfileSchema, type LoadProfileInput } from '@/lib/load/profile';
import type { RunRecord } from '@/lib/runs/schema';

/**
 * Run records as the runs API sends them, for component tests. Numbers are fixed and small
 * so a test can assert the exact figures the panel shows from them.
 */
const counts = (n: number) => ({
  sent: n,
  completed: n,
  dropped: 0,
  late: 0,
  status: { '1xx': 0, '2xx': n, '3xx': 0, '4xx': 0, '5xx': 0 },
  rateLimited: 0,
  timeouts: 0,
  errors: 0,
  cancelled: 0,
  cache: { hit: 0, miss: 0, bypass: n, none: 0 },
  bytes: n * 100,
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

export function runRecord(over: Partial<RunRecord> = {}, profile: Partial<LoadProfileInput> = {}): RunRecord {
  const full = loadProfileSchema.parse({ model: 'constant-arrival', rate: 20, durationSec: 3, ...profile });
  return {
    id: 'run_test1',
    status: 'running',
    startedAt: '2026-01-01T10:00:00Z',
    endedAt: null,
    error: null,
    note: null,
    lesson: null,
    profile: full,
    knobs: {
      settings: DEFAULT_SETTINGS,
      indexes: INDEX_NAMES.map((name) => ({ name, sql: '', present: false, lastBuildMs: null })),
    },
    seconds: [],
    summary: null,
    ...over,
  };
}

export function finished(run: RunRecord): RunRecord {
  const seconds = run.seconds.length ? run.seconds : [second(0), second(1), second(2)];
  const latency = { min: 1, p50: 4, p90: 8, p95: 9, p99: 12, p999: 15, max: 15, mean: 5 };
  return {
    ...run,
    status: 'completed',
    endedAt: '2026-01-01T10:00:03Z',
    seconds,
    summary: {
      elapsedMs: 3000,
      targetRps: 20,
      achievedRps: 20,
      counts: counts(60),
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
    },
  };
}

export const runList = (runs: RunRecord[]) => ({
  data: runs.map(({ seconds: _seconds, ...item }) => item),
  pagination: { limit: 20, nextCursor: null, hasMore: false },
});
