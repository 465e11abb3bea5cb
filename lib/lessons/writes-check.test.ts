import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, knobSettingsSchema, mergeSettings, settingsPatchSchema } from '../knobs/schema';
import { loadProfileSchema } from '../load/profile';
import type { RunRecord } from '../runs/schema';
import { describeRun } from './check-words';
import { evaluateCheck } from './checks';
import { checkSchema } from './frontmatter';

/** The writes knob group as lesson checks see it: in frontmatter, in run conditions, in old runs. */
function run(id: string, p95: number, mode: 'sync' | 'queued'): RunRecord {
  const latency = { min: 1, p50: p95 / 2, p90: p95, p95, p99: p95, p999: p95, max: p95, mean: p95 / 2 };
  const counts = {
    sent: 100,
    completed: 100,
    dropped: 0,
    late: 0,
    status: { '1xx': 0, '2xx': 100, '3xx': 0, '4xx': 0, '5xx': 0 },
    rateLimited: 0,
    timeouts: 0,
    errors: 0,
    cancelled: 0,
    cache: { hit: 0, miss: 0, bypass: 100, none: 0 },
    bytes: 1000,
  };
  return {
    id,
    status: 'completed',
    startedAt: '2026-01-01T00:00:00Z',
    endedAt: '2026-01-01T00:00:10Z',
    error: null,
    note: null,
    lesson: null,
    seconds: [],
    profile: loadProfileSchema.parse({
      model: 'constant-arrival',
      rate: 20,
      mix: [{ endpoint: 'create-order', weight: 1 }],
      keys: { distribution: 'uniform' },
    }),
    knobs: { settings: mergeSettings(DEFAULT_SETTINGS, { writes: { mode } }), indexes: [] },
    summary: {
      elapsedMs: 10_000,
      targetRps: 20,
      achievedRps: 20,
      counts,
      latencyMs: latency,
      serviceMs: latency,
      errorPct: 0,
      hitRatio: null,
      spectrum: [],
      lagMs: null,
      model: 'constant-arrival',
      aborted: false,
      drainMs: 0,
      maxInFlight: 2,
      reliable: true,
      reasons: [],
      loopDelayMs: null,
      fair: null,
    },
  };
}

const check = checkSchema.parse({
  id: 'queued-p95',
  kind: 'compare',
  title: 'Queued writes answer faster',
  metric: 'p95',
  factor: 5,
  before: { settings: { writes: { mode: 'sync' } }, endpoint: 'create-order' },
  after: { settings: { writes: { mode: 'queued' } }, endpoint: 'create-order' },
});

describe('writes knob in lesson checks', () => {
  it('frontmatter accepts writes in run conditions and refuses an unknown mode', () => {
    expect(check.kind === 'compare' && check.after.settings?.writes).toEqual({ mode: 'queued' });
    expect(() => checkSchema.parse({ ...check, after: { settings: { writes: { mode: 'batched' } } } })).toThrow();
    expect(settingsPatchSchema.safeParse({ writes: { processingMs: 2001 } }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ writes: { processingMs: 12.5 } }).success).toBe(false);
  });

  it('matches runs by their writes mode: two sync runs do not pass, sync then queued does', () => {
    expect(evaluateCheck(check, [run('a', 60, 'sync'), run('b', 2, 'sync')]).passed).toBe(false);
    const r = evaluateCheck(check, [run('a', 60, 'sync'), run('b', 2, 'queued')]);
    expect(r).toMatchObject({ passed: true, runIds: ['a', 'b'] });
    if (check.kind === 'compare') expect(describeRun(check.after)).toContain('slow writes queued');
    expect(describeRun({ settings: { writes: { mode: 'queued', workers: 2 } } })).toBe(
      'a run with slow writes queued, 2 workers',
    );
  });

  it('settings stored before the writes group existed read as sync', () => {
    const { writes: _w, ...old } = DEFAULT_SETTINGS;
    expect(knobSettingsSchema.parse(old).writes).toEqual({
      mode: 'sync',
      processingMs: 50,
      workers: 1,
      queueLimit: 1000,
    });
    // Stored before the queue had a limit: the default, larger than any lesson's workload fills.
    expect(
      knobSettingsSchema.parse({ ...old, writes: { mode: 'queued', processingMs: 50, workers: 2 } }).writes.queueLimit,
    ).toBe(1000);
  });
});
