import type pg from 'pg';
import { runSchema, type RunRecord } from '../../runs/schema';
import type { RunRepository } from '../repository';

/** Runs in PostgreSQL: the same reads as app.db's, each scoped to one learner. */
type Row = {
  seq: string;
  id: string;
  status: string;
  profile: unknown;
  knobs: unknown;
  started_at: string;
  ended_at: string | null;
  error: string | null;
  note: string | null;
  lesson: string | null;
  seconds: unknown;
  summary: unknown;
};

const toRecord = (r: Row, withSeconds: boolean): RunRecord =>
  runSchema.parse({
    id: r.id,
    status: r.status,
    profile: r.profile,
    knobs: r.knobs,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    error: r.error,
    note: r.note,
    lesson: r.lesson,
    seconds: withSeconds ? r.seconds : [],
    summary: r.summary ?? null,
  });

const LIST_COLUMNS = 'seq, id, status, profile, knobs, started_at, ended_at, error, note, lesson, summary';

export function pgRunRepository(pool: pg.Pool, nodeId: string | null): RunRepository {
  return {
    async insert(learnerId, sandboxId, run) {
      await pool.query(
        `INSERT INTO runs (id, learner_id, sandbox_id, node_id, status, profile, knobs, started_at, note, lesson)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          run.id,
          learnerId,
          sandboxId,
          nodeId,
          run.status,
          JSON.stringify(run.profile),
          JSON.stringify(run.knobs),
          run.startedAt,
          run.note,
          run.lesson,
        ],
      );
    },
    async finish(run) {
      await pool.query(
        'UPDATE runs SET status = $1, ended_at = $2, error = $3, seconds = $4, summary = $5 WHERE id = $6',
        [
          run.status,
          run.endedAt,
          run.error,
          JSON.stringify(run.seconds),
          run.summary ? JSON.stringify(run.summary) : null,
          run.id,
        ],
      );
    },
    async get(learnerId, runId) {
      const { rows } = await pool.query<Row>('SELECT * FROM runs WHERE id = $1 AND learner_id = $2', [
        runId,
        learnerId,
      ]);
      return rows[0] ? toRecord(rows[0], true) : undefined;
    },
    async list(learnerId, limit, after) {
      const { rows } = after
        ? await pool.query<Row>(
            `SELECT ${LIST_COLUMNS} FROM runs WHERE learner_id = $1 AND (started_at, seq) < ($2, $3)
             ORDER BY started_at DESC, seq DESC LIMIT $4`,
            [learnerId, after.createdAt, after.id, limit + 1],
          )
        : await pool.query<Row>(
            `SELECT ${LIST_COLUMNS} FROM runs WHERE learner_id = $1 ORDER BY started_at DESC, seq DESC LIMIT $2`,
            [learnerId, limit + 1],
          );
      const page = rows.slice(0, limit);
      const tail = page.at(-1);
      return {
        rows: page.map((r) => toRecord(r, false)),
        hasMore: rows.length > limit,
        // bigserial arrives as a string; sequences stay far below 2^53.
        last: tail ? { createdAt: tail.started_at, id: Number(tail.seq) } : null,
      };
    },
    async listForLesson(learnerId, lesson, since, limit = 200) {
      const { rows } = await pool.query<Row>(
        `SELECT ${LIST_COLUMNS} FROM runs WHERE learner_id = $1 AND lesson = $2 AND started_at >= $3
         ORDER BY started_at DESC, seq DESC LIMIT $4`,
        [learnerId, lesson, since ?? '', limit],
      );
      return rows.map((r) => toRecord(r, false));
    },
    async failRunning(reason, now, deadNode) {
      // Another node's runs are failed only when that node is named (found dead); at start a node
      // fails its own. A store without node ids (one node) fails them all.
      const target = deadNode ?? nodeId;
      const { rowCount } = await pool.query(
        `UPDATE runs SET status = 'failed', ended_at = $1, error = $2
          WHERE status = 'running' AND ($3::text IS NULL OR node_id = $3)`,
        [now.toISOString(), reason, target],
      );
      return rowCount ?? 0;
    },
  };
}
