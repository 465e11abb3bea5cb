import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLearnerWithSandbox, openAppDb } from '../db/app-db';
import type { Db } from '../db/open';
import { DEFAULT_SETTINGS } from '../knobs/schema';
import type { RunRecord } from '../runs/schema';
import { finishRun, insertRun } from '../runs/store';
import { sqliteRepository } from '../store/sqlite-repository';
import { markLessonEpoch } from './epoch';
import { findLesson } from './loader';
import { saveProgressItem } from './progress';
import { lessonProgress } from './service';

/**
 * Lesson verdicts on real SQLite: checks, prediction reveals and stored passes read only the
 * lesson's own runs since its epoch (issue 13, point 1).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-scope-'));
let db: Db;
let learnerId: string;
let sandboxId: string;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  db = openAppDb(path.join(dir, String(Math.random()).slice(2)));
  ({ learnerId, id: sandboxId } = createLearnerWithSandbox(db, new Date('2026-01-01T09:00:00Z')));
});

let n = 0;
function store(lesson: string | null, startedAt: string, p95: number, indexOn: boolean): string {
  const latency = { min: 1, p50: p95 / 2, p90: p95, p95, p99: p95, p999: p95, max: p95, mean: p95 / 2 };
  const counts = {
    sent: 50,
    completed: 50,
    dropped: 0,
    late: 0,
    status: { '1xx': 0, '2xx': 50, '3xx': 0, '4xx': 0, '5xx': 0 },
    rateLimited: 0,
    timeouts: 0,
    errors: 0,
    cancelled: 0,
    cache: { hit: 0, miss: 0, bypass: 50, none: 0 },
    bytes: 1000,
  };
  const run: RunRecord = {
    id: `run_${++n}`,
    status: 'completed',
    startedAt,
    endedAt: startedAt,
    error: null,
    note: null,
    lesson,
    seconds: [],
    profile: {
      model: 'constant-arrival',
      rate: 5,
      durationSec: 10,
      mix: [{ endpoint: 'user-orders', weight: 1 }],
      keys: { distribution: 'uniform' },
    },
    knobs: {
      settings: DEFAULT_SETTINGS,
      indexes: [{ name: 'idx_order_user_id', sql: '', present: indexOn, lastBuildMs: null }],
    },
    summary: {
      elapsedMs: 10_000,
      targetRps: 5,
      achievedRps: 5,
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
      maxInFlight: 1,
      reliable: true,
      reasons: [],
      loopDelayMs: null,
      fair: null,
    },
  };
  insertRun(db, learnerId, sandboxId, run);
  finishRun(db, run);
  return run.id;
}

const lesson = findLesson('indexes')!;
const check = async (id: string, at = '2026-01-01T12:00:00Z') =>
  (await lessonProgress(sqliteRepository(db), learnerId, lesson, new Date(at))).checks.find((c) => c.id === id)!;

describe("lesson verdicts read only the lesson's own runs since it was started", () => {
  it('never takes a baseline from another lesson, from no lesson, or from before the epoch', async () => {
    store('indexes', '2026-01-01T09:30:00Z', 900, false); // an earlier go at this lesson
    markLessonEpoch(db, learnerId, 'indexes', new Date('2026-01-01T10:00:00Z'));
    store('the-2am-page', '2026-01-01T10:01:00Z', 900, false); // another lesson's slow run
    store(null, '2026-01-01T10:02:00Z', 900, false); // a run from /share or the API
    const after = store('indexes', '2026-01-01T10:03:00Z', 5, true);
    const c = await check('index-speedup');
    expect(c.passed).toBe(false);
    expect(c.detail).toMatch(/^Still missing/);
    expect((await check('baseline-run')).passed).toBe(false);

    const before = store('indexes', '2026-01-01T10:04:00Z', 900, false);
    const now = await check('index-speedup');
    expect(now.passed).toBe(true);
    expect(now.runIds).toEqual([before, after]);
  });

  it('keeps a stored pass after the lesson is started again', async () => {
    markLessonEpoch(db, learnerId, 'indexes', new Date('2026-01-01T10:00:00Z'));
    store('indexes', '2026-01-01T10:01:00Z', 900, false);
    store('indexes', '2026-01-01T10:02:00Z', 5, true);
    expect((await check('index-speedup')).passed).toBe(true);
    markLessonEpoch(db, learnerId, 'indexes', new Date('2026-01-01T11:00:00Z'));
    const later = await check('index-speedup', '2026-01-01T12:30:00Z');
    expect(later.passed).toBe(true);
    expect(later.passedAt).toBe('2026-01-01T12:00:00.000Z');
  });

  it("reveals a prediction's measurement only from runs started after the guess", async () => {
    markLessonEpoch(db, learnerId, 'indexes', new Date('2026-01-01T10:00:00Z'));
    store('indexes', '2026-01-01T10:01:00Z', 900, false);
    store('indexes', '2026-01-01T10:02:00Z', 5, true);
    saveProgressItem(db, learnerId, {
      lesson: 'indexes',
      kind: 'prediction',
      item: 'index-gain',
      value: { choice: 'It drops by 10x or more' },
      updatedAt: '2026-01-01T10:03:00.000Z',
    });
    const progress = () => lessonProgress(sqliteRepository(db), learnerId, lesson, new Date('2026-01-01T12:00:00Z'));
    expect((await progress()).checks.find((c) => c.id === 'index-speedup')!.passed).toBe(true);
    expect((await progress()).predictions['index-gain']!.measured).toBeNull();

    store('indexes', '2026-01-01T10:04:00Z', 800, false);
    // Half an experiment measures nothing yet: the page keeps saying "now run it".
    expect((await progress()).predictions['index-gain']!.measured).toBeNull();
    store('indexes', '2026-01-01T10:05:00Z', 4, true);
    expect((await progress()).predictions['index-gain']!.measured).toMatchObject({
      passed: true,
      detail: expect.stringMatching(/800 ms to 4.0 ms/),
    });
  });
});
