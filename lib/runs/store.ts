import { prepareCached, type Db } from '../db/open';
import { runSchema, type RunRecord } from './schema';

/** Runs in app.db. Every read is scoped to one learner: nobody sees another learner's runs. */
type Row = {
  seq: number;
  id: string;
  status: string;
  profile: string;
  knobs: string;
  started_at: string;
  ended_at: string | null;
  error: string | null;
  note: string | null;
  lesson: string | null;
  seconds: string;
  summary: string | null;
};

function toRecord(r: Row, withSeconds: boolean): RunRecord {
  return runSchema.parse({
    id: r.id,
    status: r.status,
    profile: JSON.parse(r.profile),
    knobs: JSON.parse(r.knobs),
    startedAt: r.started_at,
    endedAt: r.ended_at,
    error: r.error,
    note: r.note,
    lesson: r.lesson,
    seconds: withSeconds ? JSON.parse(r.seconds) : [],
    summary: r.summary ? JSON.parse(r.summary) : null,
  });
}

export function insertRun(db: Db, learnerId: string, sandboxId: string, run: RunRecord): void {
  prepareCached(
    db,
    `INSERT INTO runs (id, learner_id, sandbox_id, status, profile, knobs, started_at, note, lesson) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    run.id,
    learnerId,
    sandboxId,
    run.status,
    JSON.stringify(run.profile),
    JSON.stringify(run.knobs),
    run.startedAt,
    run.note,
    run.lesson,
  );
}

export function finishRun(db: Db, run: RunRecord): void {
  prepareCached(db, 'UPDATE runs SET status = ?, ended_at = ?, error = ?, seconds = ?, summary = ? WHERE id = ?').run(
    run.status,
    run.endedAt,
    run.error,
    JSON.stringify(run.seconds),
    run.summary ? JSON.stringify(run.summary) : null,
    run.id,
  );
}

export function getRun(db: Db, learnerId: string, runId: string): RunRecord | undefined {
  const row = prepareCached(db, 'SELECT * FROM runs WHERE id = ? AND learner_id = ?').get(runId, learnerId) as
    Row | undefined;
  return row ? toRecord(row, true) : undefined;
}

export type RunPage = { rows: RunRecord[]; hasMore: boolean; last: { createdAt: string; id: number } | null };

/** Newest first, keyset on (started_at, rowid), without the per-second data. */
export function listRuns(db: Db, learnerId: string, limit: number, after?: { createdAt: string; id: number }): RunPage {
  const rows = (
    after
      ? prepareCached(
          db,
          'SELECT rowid AS seq, * FROM runs WHERE learner_id = ? AND (started_at, rowid) < (?, ?) ORDER BY started_at DESC, rowid DESC LIMIT ?',
        ).all(learnerId, after.createdAt, after.id, limit + 1)
      : prepareCached(
          db,
          'SELECT rowid AS seq, * FROM runs WHERE learner_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
        ).all(learnerId, limit + 1)
  ) as Row[];
  const page = rows.slice(0, limit);
  const tail = page.at(-1);
  return {
    rows: page.map((r) => toRecord(r, false)),
    hasMore: rows.length > limit,
    last: tail ? { createdAt: tail.started_at, id: tail.seq } : null,
  };
}

/**
 * One lesson's runs since a moment (its epoch), newest first, with their summaries but not
 * their per-second data: what the lesson's verdicts read (lib/runs/scope.ts narrows further).
 */
export function listLessonRuns(
  db: Db,
  learnerId: string,
  lesson: string,
  since: string | null,
  limit = 200,
): RunRecord[] {
  const rows = prepareCached(
    db,
    'SELECT rowid AS seq, * FROM runs WHERE learner_id = ? AND lesson = ? AND started_at >= ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
  ).all(learnerId, lesson, since ?? '', limit) as Row[];
  return rows.map((r) => toRecord(r, false));
}
