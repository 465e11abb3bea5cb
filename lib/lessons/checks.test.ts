import { describe, expect, it } from 'vitest';
import { loadProfileSchema, type LoadProfileInput } from '../load/profile';
import type { RunRecord } from '../runs/schema';
import { completedRun, latencyAround } from '../testing/run-fixtures';
import { evaluateCheck } from './checks';
import type { LessonCheck } from './frontmatter';

const run = (id: string, p95: number, indexOn: boolean, over: Partial<RunRecord> = {}): RunRecord =>
  completedRun(
    id,
    p95,
    {
      profile: { model: 'constant-arrival', rate: 5, mix: [{ endpoint: 'user-orders', weight: 1 }] },
      knobs: { indexes: { idx_order_user_id: indexOn } },
      summary: { latencyMs: { ...latencyAround(p95), p99: p95 * 1.2, p999: p95 * 1.5, max: p95 * 2 } },
    },
    over,
  );

const compare: LessonCheck = {
  id: 'speedup',
  kind: 'compare',
  title: 'p95 drops 10x',
  metric: 'p95',
  factor: 10,
  better: 'lower',
  before: { indexes: { idx_order_user_id: false }, endpoint: 'user-orders' },
  after: { indexes: { idx_order_user_id: true }, endpoint: 'user-orders' },
};

describe('lesson checks from runs', () => {
  it('says which runs are missing', () => {
    const r = evaluateCheck(compare, [run('a', 800, false)]);
    expect(r.passed).toBe(false);
    expect(r.detail).toBe(
      'Still missing: a run that sends GET /api/v1/users/{id}/orders, with the index on orders.user_id present.',
    );
  });

  it('passes with a before/after pair that meets the factor, and reports the measurement', () => {
    const r = evaluateCheck(compare, [run('before', 800, false), run('after', 4, true)]);
    expect(r).toMatchObject({ passed: true, runIds: ['before', 'after'] });
    expect(r.detail).toBe('Done: p95 went from 800 ms to 4.0 ms (200.0x).');
  });

  it('fails with the best ratio so far when the gain is too small', () => {
    const r = evaluateCheck(compare, [run('before', 100, false), run('after', 20, true)]);
    expect(r.passed).toBe(false);
    expect(r.detail).toBe('Best so far: p95 went from 100 ms to 20 ms (5.0x); the check needs 10x.');
  });

  it('ignores stopped runs and runs of another workload', () => {
    const stopped = run('after', 4, true, { status: 'stopped' });
    const otherWorkload = run('after2', 4, true, {
      profile: loadProfileSchema.parse({ model: 'constant-arrival', mix: [{ endpoint: 'user-by-id', weight: 1 }] }),
    });
    expect(evaluateCheck(compare, [run('before', 800, false), stopped, otherWorkload]).passed).toBe(false);
  });

  it('a check that says "then" counts only a pair made in that order', () => {
    const at = (id: string, p95: number, indexOn: boolean, startedAt: string) =>
      run(id, p95, indexOn, { startedAt, endedAt: startedAt });
    const then: LessonCheck = { ...compare, order: 'before-first' };
    // The "after" run first, then the "before" run: both exist, neither order nor figures in doubt.
    const reversed = [at('after', 4, true, '2026-01-01T00:00:00Z'), at('before', 800, false, '2026-01-01T00:01:00Z')];
    expect(evaluateCheck(compare, reversed).passed).toBe(true);
    const r = evaluateCheck(then, reversed);
    expect(r).toMatchObject({ passed: false, runIds: [] });
    expect(r.detail).toBe(
      'Still missing: a run that sends GET /api/v1/users/{id}/orders, with the index on orders.user_id present, made after a run that sends GET /api/v1/users/{id}/orders, with the index on orders.user_id absent.',
    );
    // One more "after" run, now in order: it passes from that pair, not from the earlier one.
    const inOrder = [...reversed, at('after2', 8, true, '2026-01-01T00:02:00Z')];
    expect(evaluateCheck(then, inOrder)).toMatchObject({ passed: true, runIds: ['before', 'after2'] });
    // after-first is the mirror image: the "before" run must come second.
    const afterFirst: LessonCheck = { ...compare, order: 'after-first' };
    expect(evaluateCheck(afterFirst, reversed)).toMatchObject({ passed: true, runIds: ['before', 'after'] });
    expect(evaluateCheck(afterFirst, inOrder.slice(1)).passed).toBe(false);
  });

  it('a run check with a bound on a metric', () => {
    const check: LessonCheck = {
      id: 'fast',
      kind: 'run',
      title: 'A fast run',
      where: { indexes: { idx_order_user_id: true } },
      metric: 'p95',
      atMost: 10,
    };
    expect(evaluateCheck(check, [run('slow', 50, true)])).toMatchObject({
      passed: false,
      detail: 'Your latest matching run had p95 50 ms; the check needs at most 10 ms.',
    });
    expect(evaluateCheck(check, [run('slow', 50, true), run('fast', 5, true)]).passed).toBe(true);
  });

  it('a run check with a second bound on the same run: fair p95 and fair error rate', () => {
    const check: LessonCheck = {
      id: 'spike',
      kind: 'run',
      title: 'Survive the spike',
      where: { abusive: true, minPeakRate: 100 },
      metric: 'fairP95',
      atMost: 300,
      alsoAtMost: { fairErrorPct: 1 },
    };
    const spiked = (id: string, p95: number, errorPct: number, over: Partial<LoadProfileInput> = {}) => {
      const r = run(id, 2000, true);
      r.profile = loadProfileSchema.parse({
        model: 'constant-arrival',
        rate: 10,
        durationSec: 20,
        spike: { atSec: 5, forSec: 10, multiple: 10 },
        clients: { abusive: { enabled: true } },
        ...over,
      });
      // The overall figures include the abuser's fast 429s; the check must read the legitimate clients' ones.
      r.summary = {
        ...r.summary!,
        errorPct: 40,
        fair: {
          sent: 100,
          completed: 100,
          dropped: 0,
          rateLimited: 0,
          timeouts: 0,
          failed: 0,
          errorPct,
          latencyMs: { ...r.summary!.latencyMs!, p95 },
        },
      };
      return r;
    };
    const slow = evaluateCheck(check, [spiked('slow', 2050, 60)]);
    expect(slow).toMatchObject({ passed: false, runIds: ['slow'] });
    expect(slow.detail).toBe(
      'Your latest matching run had p95 of the legitimate clients 2,050 ms and error rate of the legitimate clients 60%; the check needs p95 of the legitimate clients at most 300 ms and error rate of the legitimate clients at most 1%.',
    );
    // Fast but failing: one bound is not enough.
    expect(evaluateCheck(check, [spiked('fast-failing', 50, 5)]).passed).toBe(false);
    const good = evaluateCheck(check, [spiked('fast-failing', 50, 5), spiked('good', 120, 0.4)]);
    expect(good).toMatchObject({
      passed: true,
      runIds: ['good'],
      detail: 'Done: p95 of the legitimate clients was 120 ms, error rate of the legitimate clients was 0.40%.',
    });
    // A spike turned down to 2x does not count as surviving the 10x one.
    const tame = evaluateCheck(check, [spiked('tame', 50, 0, { spike: { atSec: 5, forSec: 10, multiple: 2 } })]);
    expect(tame).toMatchObject({
      passed: false,
      detail: 'Still missing: a completed run with a peak of at least 100 req/s and an abusive client.',
    });
  });

  it("reads the overall figures as the legitimate clients' in runs stored before the split", () => {
    const check: LessonCheck = {
      id: 'old',
      kind: 'run',
      title: 'An old run',
      where: {},
      metric: 'fairP95',
      atMost: 100,
    };
    expect(evaluateCheck(check, [run('old', 50, true)]).passed).toBe(true);
  });
});
