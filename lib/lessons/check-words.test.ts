import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../runs/schema';
import { runRecord } from '../testing/run-fixtures';
import { describeRun } from './check-words';
import { evaluateCheck } from './checks';
import { loadLessons } from './loader';

/** Check texts speak the learner's words: the knob panel's names, never field paths, raw values or run ids. */
// camelCase field names, booleans, JSON, option values the panel shows in other words, run ids.
// ({id} in a path and n-plus-one, a radio label in the panel, are the learner's words.)
const INTERNALS = [
  /\b[a-z]+[A-Z]\w*\b/,
  /\b(true|false)\b/,
  /"|:\s*\{/,
  /\b(enabled|token-bucket|fixed-window|sliding-window|read-your-writes|constant-arrival|virtual-users)\b/,
  /run_\w+|\brun [0-9a-z]{6,}\b/,
];
const leaks = (text: string) => INTERNALS.filter((re) => re.test(text)).map(String);

describe("check texts in the learner's words", () => {
  it('describes knobs as the registry does', () => {
    expect(
      describeRun({ settings: { appCache: { enabled: false }, rateLimit: { enabled: false } } }, 'a completed run'),
    ).toBe('a completed run with the app cache off and the rate limiter off');
    expect(
      describeRun({
        endpoint: 'user-by-id',
        settings: { rateLimit: { enabled: true, algorithm: 'token-bucket' } },
        abusive: true,
        minRate: 40,
      }),
    ).toBe(
      'a run that sends GET /api/v1/users/{id}, with the rate limiter on, token bucket, a fixed rate of at least 40 req/s and an abusive client',
    );
    expect(
      describeRun({
        settings: { pagination: { mode: 'cursor' }, queryShape: { expand: 'join' } },
        model: 'virtual-users',
        distribution: 'zipf',
      }),
    ).toBe('a run with cursor pages, related rows loaded with one join, users in a loop and Zipf-skewed ids');
    expect(describeRun({})).toBe('a run');
    // The capstone's fixed payment cost and queue size, never "writes processingMs 1000".
    expect(
      describeRun({
        endpoint: 'create-order',
        settings: { writes: { processingMs: 1000, queueLimit: 20 } },
        minPeakRate: 100,
      }),
    ).toBe(
      'a run that sends POST /api/v1/orders, with slow writes 1,000 ms per order, a queue of at most 20 orders and a peak of at least 100 req/s',
    );
  });

  // A finished run with no summary: the details must still not name it.
  const run = (id: string): RunRecord =>
    runRecord({ id, status: 'completed' }, { rate: 5, mix: [{ endpoint: 'product-by-id', weight: 1 }] });

  for (const lesson of loadLessons()) {
    it(`${lesson.folder}: titles and details name no internals`, () => {
      for (const check of lesson.frontmatter.checks) {
        expect(leaks(check.title), `title of ${check.id}: ${check.title}`).toEqual([]);
        const missing = evaluateCheck(check, []).detail;
        expect(leaks(missing), `${check.id}: ${missing}`).toEqual([]);
        // With runs on record, the details still name no run.
        const some = evaluateCheck(check, [run('r7f3k2m9q1')]).detail;
        expect(some, check.id).not.toContain('r7f3k2m9q1');
      }
    });
  }
});
