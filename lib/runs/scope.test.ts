import { describe, expect, it } from 'vitest';
import { inScope, runsForVerdict } from './scope';

const run = (id: string, lesson: string | null, startedAt: string) => ({ id, lesson, startedAt });

describe('runsForVerdict', () => {
  const runs = [
    run('other-lesson', 'the-2am-page', '2026-01-01T10:05:00.000Z'),
    run('no-lesson', null, '2026-01-01T10:06:00.000Z'),
    run('before-epoch', 'indexes', '2026-01-01T09:59:59.999Z'),
    run('at-epoch', 'indexes', '2026-01-01T10:00:00.000Z'),
    run('after-epoch', 'indexes', '2026-01-01T10:07:00.000Z'),
  ];

  it("keeps only this lesson's runs since its epoch", () => {
    const ids = runsForVerdict(runs, { lesson: 'indexes', since: '2026-01-01T10:00:00.000Z' }).map((r) => r.id);
    expect(ids).toEqual(['at-epoch', 'after-epoch']);
  });

  it('never lets a run from another lesson, or from no lesson, in', () => {
    expect(runsForVerdict(runs, { lesson: 'indexes', since: null }).map((r) => r.id)).toEqual([
      'before-epoch',
      'at-epoch',
      'after-epoch',
    ]);
    expect(runsForVerdict(runs, { lesson: 'pagination', since: null })).toEqual([]);
    expect(inScope(run('x', null, '2026-01-02T00:00:00Z'), { lesson: 'indexes', since: null })).toBe(false);
  });

  it("narrows a prediction's reveal to runs started after the guess was committed", () => {
    const scope = { lesson: 'indexes', since: '2026-01-01T10:00:00.000Z', after: '2026-01-01T10:01:00.000Z' };
    expect(runsForVerdict(runs, scope).map((r) => r.id)).toEqual(['after-epoch']);
  });
});
