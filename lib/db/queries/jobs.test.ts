import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryRecorder } from '../recorder';
import { SANDBOX_UPGRADE_VERSION, upgradeSandbox } from '../sandbox-upgrade';
import {
  claimNextJob,
  countQueued,
  findJobByKey,
  finishJob,
  getJob,
  insertJob,
  jobsAhead,
  MAX_ATTEMPTS,
  requeueAbandoned,
  retryOrFailJob,
} from './jobs';

let db: Database.Database;
let q: QueryRecorder;
const T = '2026-01-01T00:00:00.000Z';
const add = (n: number, key: string | null = null) =>
  insertJob(q, { payload: { n }, requestHash: `h${n}`, idempotencyKey: key, now: T });

beforeEach(() => {
  db = new Database(':memory:');
  upgradeSandbox(db);
  q = new QueryRecorder(db);
});
afterEach(() => db.close());

describe('sandbox upgrade', () => {
  it('adds the jobs table once and records the version in user_version', () => {
    const fresh = new Database(':memory:');
    expect(upgradeSandbox(fresh)).toEqual({ applied: SANDBOX_UPGRADE_VERSION });
    expect(upgradeSandbox(fresh)).toEqual({ applied: 0 });
    expect(fresh.pragma('user_version', { simple: true })).toBe(SANDBOX_UPGRADE_VERSION);
    const cols = (fresh.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual([
      'id',
      'status',
      'payload',
      'result',
      'attempts',
      'idempotency_key',
      'request_hash',
      'created_at',
      'updated_at',
    ]);
    fresh.close();
  });

  it('the claim query uses the status index, not a scan of every finished job', () => {
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('idx_jobs_status_id');
  });
});

describe('job queue', () => {
  it('claims jobs oldest first, each exactly once, counting the attempt', () => {
    const [a, b, c] = [add(1), add(2), add(3)];
    expect(a.status).toBe('queued');
    expect(a.attempts).toBe(0);
    const first = claimNextJob(q, T);
    const second = claimNextJob(q, T);
    expect([first?.id, second?.id]).toEqual([a.id, b.id]);
    expect(first).toMatchObject({ status: 'running', attempts: 1 });
    expect(countQueued(q)).toBe(1);
    expect(claimNextJob(q, T)?.id).toBe(c.id);
    expect(claimNextJob(q, T)).toBeUndefined();
  });

  it('a finished job stays finished: a late second finish changes nothing', () => {
    add(1);
    const job = claimNextJob(q, T);
    if (!job) throw new Error('no job');
    expect(finishJob(q, job.id, 'succeeded', { order_id: 7 }, T)).toBe(true);
    expect(finishJob(q, job.id, 'failed', { problem: 'late' }, T)).toBe(false);
    expect(getJob(q, job.id)).toMatchObject({ status: 'succeeded', result: '{"order_id":7}' });
  });

  it('a job that throws goes back in line until its attempts are used up, then fails', () => {
    add(1);
    const seen: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const job = claimNextJob(q, T);
      if (!job) throw new Error('job not requeued');
      seen.push(retryOrFailJob(q, job, { problem: 'boom' }, T));
    }
    expect(seen).toEqual([...Array(MAX_ATTEMPTS - 1).fill('queued'), 'failed']);
    expect(getJob(q, 1)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(claimNextJob(q, T)).toBeUndefined();
  });

  it('an idempotency key belongs to one job: a second insert with it is refused by the database', () => {
    const job = add(1, 'key-1');
    expect(findJobByKey(q, 'key-1')?.id).toBe(job.id);
    expect(findJobByKey(q, 'key-2')).toBeUndefined();
    expect(() => add(2, 'key-1')).toThrow(/UNIQUE/);
    // Jobs without a key do not collide with each other (NULLs are distinct).
    add(3);
    add(4);
    expect(countQueued(q)).toBe(3);
  });

  it('jobs left running by a stopped server go back in line; jobsAhead counts the line', () => {
    add(1);
    add(2);
    add(3);
    claimNextJob(q, T);
    expect(jobsAhead(q, 3)).toBe(3);
    expect(requeueAbandoned(q, T)).toBe(1);
    expect(getJob(q, 1)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(claimNextJob(q, T)?.id).toBe(1);
  });
});
