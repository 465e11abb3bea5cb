import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, knobSettingsSchema, settingsPatchSchema } from '../knobs/schema';
import type { RunRecord } from '../runs/schema';
import { completedRun } from '../testing/run-fixtures';
import { describeRun } from './check-words';
import { evaluateCheck } from './checks';
import { checkSchema } from './frontmatter';
import { findLesson } from './loader';

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

/**
 * Lesson 11's prose does the arithmetic of its own workload (what one worker and eight place a
 * second, how far the queue falls behind). Computed here from the frontmatter: change the cost,
 * the rate or the workers, and this names the sentence that is no longer true.
 */
describe('lesson 11 says what its workload and workers do', () => {
  const lesson = findLesson('queues-for-slow-writes');
  if (!lesson) throw new Error('the queues lesson is missing');
  const { workload, preset, solution, checks } = lesson.frontmatter;
  const text = lesson.body.replace(/\s+/g, ' ');
  if (workload?.model !== 'constant-arrival') throw new Error('the queues lesson sends orders at a fixed rate');
  const cost = preset.writes?.processingMs ?? 0;
  const { rate, durationSec } = workload;
  const oneWorker = 1000 / cost;
  const workers = solution?.writes?.workers ?? 0;
  const sent = rate * durationSec;
  const behind = sent - oneWorker * durationSec;

  it('the cost, the start and every check use the same 500 ms', () => {
    expect(cost).toBe(500);
    expect(text).toContain(`this lesson sets ${cost} ms`);
    expect(text).toContain(`sync, ${cost} ms, one worker`);
    expect(text).toContain(`The slow work still costs ${cost} ms per order`);
    expect(solution?.writes).toMatchObject({ mode: 'queued', processingMs: cost });
    for (const c of checks) {
      const sides = c.kind === 'compare' ? [c.before, c.after] : c.kind === 'run' ? [c.where] : [];
      for (const side of sides) expect(side.settings?.writes?.processingMs).toBe(cost);
    }
  });

  it('the sync floor and the 3x leave a queued p95 of a third of the cost: tens of ms of machine noise fit', () => {
    const syncWaits = checks.find((c) => c.id === 'sync-waits');
    const queued = checks.find((c) => c.id === 'queued-p95');
    if (syncWaits?.kind !== 'run' || queued?.kind !== 'compare') throw new Error('the lesson checks changed shape');
    expect(syncWaits.atLeast).toBe(cost);
    // A 202 costs one insert and a loopback trip (a few ms). A loaded machine has been seen to push a
    // short run's p95 to 124 ms (a 200 ms cost then measured 2.1x): noise as large as that must fit.
    expect(cost / (queued.factor ?? 1)).toBeGreaterThanOrEqual(150);
  });

  it('one worker falls behind by the numbers the lesson gives; eight keep up', () => {
    expect(text).toContain(
      `One worker at ${cost} ms per job places at most ${oneWorker} orders a second. The run sent ${rate} a second. So the queue grew by about ${rate - oneWorker} jobs every second: after ${durationSec} seconds, ${behind} of the ${sent} orders were still waiting, and the last of them was placed about ${behind / oneWorker} seconds after its 202.`,
    );
    expect(text).toContain(`watch the queued count fall by about ${oneWorker} a second`);
    expect(text).toContain(`places ${rate} orders a second for ${durationSec} seconds, ${sent} orders`);
    expect(workers).toBe(8);
    expect(text).toContain(`You set ${workers} queue workers`);
    expect(text).toContain(
      `Set **Queue workers** to **${workers}** and run again. The knob panel now says the workers can place up to ${(workers * 1000) / cost} orders a second, more than the ${rate} you send.`,
    );
    expect((workers * 1000) / cost).toBeGreaterThan(rate);
    const enough = checks.find((c) => c.id === 'enough-workers');
    expect(enough?.kind === 'run' && enough.where).toMatchObject({
      settings: { writes: { mode: 'queued', workers } },
      minRate: rate,
    });
    // The default queue holds the whole backlog: nothing in the lesson's run is refused.
    expect(behind).toBeLessThan(DEFAULT_SETTINGS.writes.queueLimit);
  });
});
