import { describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../knobs/schema';
import type { RunRecord } from '../runs/schema';
import { completedRun, counts, latencyAround } from '../testing/run-fixtures';
import type { LessonCheck } from './frontmatter';
import { everythingOff, knobChanges, whatMattered } from './what-mattered';

const check: Extract<LessonCheck, { kind: 'run' }> = {
  id: 'survive',
  kind: 'run',
  title: 'Survive the spike',
  where: { abusive: true },
  metric: 'fairP95',
  atMost: 300,
  alsoAtMost: { fairErrorPct: 1 },
};

let clock = 0;
/** A completed spike run with these knobs and these legitimate-client figures, each started a minute after the last. */
function run(
  id: string,
  patch: SettingsPatch,
  p95: number,
  errorPct: number,
  hitRatio: number | null = null,
  rateLimited = 0,
): RunRecord {
  const startedAt = new Date(Date.UTC(2026, 0, 1, 10, clock++)).toISOString();
  const latency = latencyAround(p95);
  return completedRun(
    id,
    p95,
    {
      profile: { model: 'constant-arrival', rate: 10, clients: { abusive: { enabled: true } } },
      knobs: patch,
      n: 100,
      summary: {
        elapsedMs: 20_000,
        targetRps: 10,
        achievedRps: 50,
        counts: counts(100, { rateLimited, cache: { hit: 0, miss: 0, bypass: 0, none: 100 }, bytes: 0 }),
        errorPct: 30,
        hitRatio,
        fair: {
          sent: 50,
          completed: 50,
          dropped: 0,
          rateLimited: 0,
          timeouts: 0,
          failed: 0,
          errorPct,
          latencyMs: latency,
        },
      },
    },
    { startedAt, endedAt: startedAt },
  );
}

const idx: SettingsPatch = { indexes: { idx_user_email: true, idx_order_user_id: true } };
const cache: SettingsPatch['appCache'] = { enabled: true };
const limit: SettingsPatch['rateLimit'] = {
  enabled: true,
  algorithm: 'token-bucket',
  limit: 100,
  windowSeconds: 10,
  burst: 20,
};

describe('which changes mattered', () => {
  it('needs two runs of the workload', () => {
    expect(whatMattered(check, []).missing).toBe('No completed run of the spike workload yet.');
    expect(whatMattered(check, [run('a', {}, 2000, 60)]).missing).toBe(
      'One run so far: change something and run again to see what it did.',
    );
  });

  it('names knob groups as the panel does, and knows everything-off', () => {
    const a = run('a', {}, 1, 0).knobs;
    const b = run('b', { ...idx, rateLimit: limit, pagination: { mode: 'cursor' } }, 1, 0).knobs;
    expect(everythingOff(a)).toBe(true);
    expect(everythingOff(b)).toBe(false);
    expect(knobChanges(a, b)).toEqual([
      { group: 'idx_user_email', label: 'Index users by email', from: 'absent', to: 'present' },
      { group: 'idx_order_user_id', label: 'Index orders by user', from: 'absent', to: 'present' },
      { group: 'pagination', label: 'Pagination', from: 'offset pages', to: 'cursor pages' },
      {
        group: 'rateLimit',
        label: 'Rate limiter',
        from: 'off',
        to: 'on, token bucket, 100 requests per 10 s, bursts up to 20',
      },
    ]);
  });

  it('attributes an effect only to a change made on its own, largest first, and says what changed together', () => {
    const runs = [
      run('off', {}, 2000, 60),
      run('off-again', {}, 1900, 55),
      run('indexes', idx, 800, 20),
      run('cache', { ...idx, appCache: cache }, 400, 5, 0.6),
      run('all', { ...idx, appCache: cache, rateLimit: limit, queryShape: { expand: 'join' } }, 100, 0.2, 0.7, 300),
    ];
    const r = whatMattered(check, runs.reverse()); // the store lists newest first
    expect(r).toMatchObject({ missing: null, baselineIsOff: true, bestWhy: 'passed' });
    expect(r.baseline?.id).toBe('off-again'); // the latest everything-off run before the best
    expect(r.best?.id).toBe('all');
    expect(r.changes.map((c) => c.label)).toEqual([
      'Index users by email',
      'Index orders by user',
      'App cache',
      'Rate limiter',
      'Loading related rows',
    ]);
    expect(r.deltas[0]).toEqual({
      label: 'p95 (legitimate clients)',
      before: '1,900 ms',
      after: '100 ms',
      change: '19.0x lower',
    });
    expect(r.deltas[4]).toEqual({ label: '429 responses', before: '0', after: '300', change: '' });
    expect(r.steps.map((s) => s.text)).toEqual([
      "Same knobs run again: p95 2,000 ms → 1,900 ms (1.1x lower), errors 60% → 55%. That spread is this machine's noise.",
      'Index users by email (absent → present), Index orders by user (absent → present) changed together: p95 1,900 ms → 800 ms (2.4x lower), errors 55% → 20%. Their separate effects were not measured.',
      'App cache (off → on, 60 s TTL, up to 1,000 entries, coalescing misses) alone: p95 800 ms → 400 ms (2.0x lower), errors 20% → 5%.',
      'Rate limiter (off → on, token bucket, 100 requests per 10 s, bursts up to 20), Loading related rows (one query per row (N+1) → one join) changed together: p95 400 ms → 100 ms (4.0x lower), errors 5% → 0.20%. Their separate effects were not measured.',
    ]);
    // Only the cache was measured alone; everything else is reported as changed together, never credited.
    expect(r.mattered).toEqual([
      'App cache (off → on, 60 s TTL, up to 1,000 entries, coalescing misses) alone: p95 800 ms → 400 ms (2.0x lower), errors 20% → 5%.',
      'Index users by email, Index orders by user, Rate limiter, Loading related rows were never changed on their own, so their effects are only known together with other changes.',
    ]);
  });

  it('without a passing run, compares with the lowest p95 and falls back to the first run when none had everything off', () => {
    const r = whatMattered(check, [
      run('first', idx, 900, 30),
      run('second', { ...idx, appCache: cache }, 500, 8, 0.5),
    ]);
    expect(r).toMatchObject({ bestWhy: 'lowest-p95', baselineIsOff: false });
    expect(r.baseline?.id).toBe('first');
    expect(r.best?.id).toBe('second');
    expect(r.mattered).toEqual([
      'App cache (off → on, 60 s TTL, up to 1,000 entries, coalescing misses) alone: p95 900 ms → 500 ms (1.8x lower), errors 30% → 8%.',
    ]);
  });

  it('credits the read replica and slow writes like any other group', () => {
    const off = run('off', {}, 1, 0).knobs;
    expect(everythingOff(run('w', { writes: { processingMs: 200 } }, 1, 0).knobs)).toBe(true); // a cost, not a fix
    expect(everythingOff(run('q', { writes: { mode: 'queued' } }, 1, 0).knobs)).toBe(false);
    expect(everythingOff(run('r', { replica: { enabled: true } }, 1, 0).knobs)).toBe(false);
    expect(
      knobChanges(
        off,
        run(
          'b',
          { writes: { mode: 'queued', workers: 2 }, replica: { enabled: true, consistency: 'read-your-writes' } },
          1,
          0,
        ).knobs,
      ),
    ).toEqual([
      {
        group: 'writes',
        label: 'Slow writes',
        from: 'done in the request, 50 ms per order',
        to: 'queued, 50 ms per order, 2 workers',
      },
      { group: 'replica', label: 'Read replica', from: 'off', to: 'on, 1,000 ms behind, read your writes' },
    ]);
    const r = whatMattered(check, [run('sync', {}, 900, 0), run('queued', { writes: { mode: 'queued' } }, 100, 0)]);
    expect(r.mattered[0]).toMatch(
      /^Slow writes \(done in the request, 50 ms per order → queued, 50 ms per order, 1 worker\) alone: p95 900 ms → 100 ms/,
    );
  });
});
