import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, knobSettingsSchema, settingsPatchSchema } from '../knobs/schema';
import type { RunRecord } from '../runs/schema';
import { completedRun } from '../testing/run-fixtures';
import { describeRun } from './check-words';
import { evaluateCheck } from './checks';
import { checkSchema } from './frontmatter';

/** The writes knob group as lesson checks see it: in frontmatter, in run conditions, in old runs. */
const run = (id: string, p95: number, mode: 'sync' | 'queued'): RunRecord =>
  completedRun(id, p95, {
    profile: { model: 'constant-arrival', rate: 20, mix: [{ endpoint: 'create-order', weight: 1 }] },
    knobs: { writes: { mode } },
    n: 100,
  });

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
