import type { QueryRecorder } from '../recorder';

/**
 * A job queue in the sandbox's own SQLite file: the order write that queued mode defers.
 * SQLite serialises writers, so one UPDATE ... RETURNING claims a job atomically: two workers
 * can never both move the same row from queued to running.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Attempts before a job that keeps throwing is given up on (business-rule failures are final at once). */
export const MAX_ATTEMPTS = 3;

export type JobRow = {
  id: number;
  status: JobStatus;
  payload: string;
  result: string | null;
  attempts: number;
  idempotency_key: string | null;
  request_hash: string;
  created_at: string;
  updated_at: string;
};

export type NewJob = { payload: unknown; requestHash: string; idempotencyKey: string | null; now: string };

/** Insert a queued job; with `status: 'running'` the caller processes it itself (sync mode with a key). */
export function insertJob(q: QueryRecorder, job: NewJob, status: 'queued' | 'running' = 'queued'): JobRow {
  const row = q.get<JobRow>(
    `INSERT INTO jobs (status, payload, attempts, idempotency_key, request_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    status,
    JSON.stringify(job.payload),
    status === 'running' ? 1 : 0,
    job.idempotencyKey,
    job.requestHash,
    job.now,
    job.now,
  );
  if (!row) throw new Error('INSERT ... RETURNING returned no row');
  return row;
}

export function getJob(q: QueryRecorder, id: number): JobRow | undefined {
  return q.get<JobRow>('SELECT * FROM jobs WHERE id = ?', id);
}

export function findJobByKey(q: QueryRecorder, key: string): JobRow | undefined {
  return q.get<JobRow>('SELECT * FROM jobs WHERE idempotency_key = ?', key);
}

/** The oldest queued job becomes running, in one statement: first in, first out. */
export function claimNextJob(q: QueryRecorder, now: string): JobRow | undefined {
  return q.get<JobRow>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ?
     WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1)
     RETURNING *`,
    now,
  );
}

/** Only a running job can finish: a job already finished (or gone with a reset) is left alone. */
export function finishJob(
  q: QueryRecorder,
  id: number,
  status: 'succeeded' | 'failed',
  result: unknown,
  now: string,
): boolean {
  return (
    q.run(
      "UPDATE jobs SET status = ?, result = ?, updated_at = ? WHERE id = ? AND status = 'running'",
      status,
      JSON.stringify(result),
      now,
      id,
    ).changes === 1
  );
}

/** A job that threw goes back in line until it has used its attempts, then fails for good. */
export function retryOrFailJob(q: QueryRecorder, job: JobRow, error: unknown, now: string): JobStatus {
  const status: JobStatus = job.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued';
  q.run(
    "UPDATE jobs SET status = ?, result = ?, updated_at = ? WHERE id = ? AND status = 'running'",
    status,
    JSON.stringify(error),
    now,
    job.id,
  );
  return status;
}

/**
 * Jobs left 'running' by a lab server that stopped mid-job: nobody is working on them any
 * more, so they go back in line (their attempt still counts).
 */
export function requeueAbandoned(q: QueryRecorder, now: string): number {
  return q.run("UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'running'", now).changes;
}

/** Jobs waiting or in progress with an id up to `id`: how far back in line a job is. */
export function jobsAhead(q: QueryRecorder, id: number): number {
  return (
    q.get<{ n: number }>("SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running') AND id <= ?", id)?.n ?? 0
  );
}

export function countQueued(q: QueryRecorder): number {
  return q.get<{ n: number }>("SELECT count(*) AS n FROM jobs WHERE status = 'queued'")?.n ?? 0;
}
