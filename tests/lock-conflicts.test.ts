import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockConflictProblem } from '@/lib/api/lock-problem';
import {
  BuildDeadlineError,
  isBuildDeadline,
  isLockConflict,
  LockRetryExhaustedError,
  SchemaChangeBusyError,
} from '@/lib/db/lock-conflict';
import { openDatabase } from '@/lib/db/open';
import { getJob, insertJob } from '@/lib/db/queries/jobs';
import { QueryRecorder } from '@/lib/db/recorder';
import { createSandboxFile, sandboxPath } from '@/lib/db/sandboxes';
import { upgradeSandbox } from '@/lib/db/sandbox-upgrade';
import { createIndexBuilder } from '@/lib/lab-server/index-builder';
import { createJobWorker } from '@/lib/lab-server/job-worker';
import { createSchemaLocks } from '@/lib/lab-server/schema-lock';
import { checkSql } from '@/lib/sql-console/guard';
import { runIndexChange } from '@/lib/sql-console/run-query';
import { createTestDataDir } from '@/lib/testing/test-env';

/**
 * The pieces behind "no shared thread waits on one sandbox's lock": lock conflicts mapped in
 * one place, the index builder yielding and retrying (and serving other sandboxes meanwhile),
 * the per-sandbox schema lock, builds that end after their request never committing, and the
 * job worker retrying a job that met its sandbox's lock.
 */
const A = 'sbx_aaaaaaaaaaaaaaaaaaaa';
const B = 'sbx_bbbbbbbbbbbbbbbbbbbb';
let env: ReturnType<typeof createTestDataDir>;

beforeAll(() => {
  env = createTestDataDir();
  for (const id of [A, B]) {
    createSandboxFile(env.dataDir, id);
    const db = openDatabase(sandboxPath(env.dataDir, id));
    upgradeSandbox(db);
    db.close();
  }
});
afterAll(() => env?.cleanup());

function holdWriteLock(id: string) {
  const db = new Database(sandboxPath(env.dataDir, id));
  db.exec('BEGIN IMMEDIATE');
  return () => (db.exec('ROLLBACK'), db.close());
}

const indexNames = (id: string) => {
  const db = new Database(sandboxPath(env.dataDir, id), { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map(
    (r) => r.name,
  );
  db.close();
  return names;
};

describe('lock conflicts', () => {
  it('a shared connection (busy_timeout 0) fails at once, and the answer is 503 + Retry-After, not 500', () => {
    const release = holdWriteLock(A);
    const shared = openDatabase(sandboxPath(env.dataDir, A), { busyTimeoutMs: 0 });
    let caught: unknown;
    const t0 = performance.now();
    try {
      shared.prepare('UPDATE products SET stock = stock WHERE id = 1').run();
    } catch (err) {
      caught = err;
    } finally {
      shared.close();
      release();
    }
    // No wait at all: the old busy_timeout (5 s) is what froze every learner.
    expect(performance.now() - t0).toBeLessThan(1000);
    const res = lockConflictProblem(caught, '/api/v1/orders');
    expect(res).toMatchObject({
      status: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '2' },
    });
    expect(lockConflictProblem(new SchemaChangeBusyError(A, 'knobs'), '/x')?.status).toBe(409);
    expect(lockConflictProblem(new LockRetryExhaustedError(A, 10), '/x')?.status).toBe(503);
    expect(lockConflictProblem(new Error('no such table: x'), '/x')).toBeNull();
  });

  it('the index builder yields on a locked sandbox, builds another sandbox meanwhile, and finishes once the lock is free', async () => {
    const builder = createIndexBuilder(env.dataDir);
    const release = holdWriteLock(A);
    let releasedAt = 0;
    try {
      const a = builder
        .run(A, { kind: 'teaching', name: 'idx_order_user_id', want: true }, 30_000)
        .then(() => performance.now());
      // B's build is not stuck behind A's: it completes while A's lock is still held.
      await builder.run(B, { kind: 'teaching', name: 'idx_user_email', want: true }, 30_000);
      expect(indexNames(B)).toContain('idx_user_email');
      expect(builder.stats().lockRetries).toBeGreaterThan(0);
      expect(indexNames(A)).not.toContain('idx_order_user_id');
      release();
      releasedAt = performance.now();
      expect(await a).toBeGreaterThanOrEqual(releasedAt);
      expect(indexNames(A)).toContain('idx_order_user_id');
    } finally {
      if (!releasedAt) release();
      await builder.stop();
    }
  });

  it('a build whose sandbox stays locked past its deadline gives up with a lock error (503), having changed nothing', async () => {
    const builder = createIndexBuilder(env.dataDir);
    const release = holdWriteLock(A);
    try {
      await expect(
        builder.run(A, { kind: 'teaching', name: 'idx_order_created_at', want: true }, 400),
      ).rejects.toBeInstanceOf(LockRetryExhaustedError);
    } finally {
      release();
      await builder.stop();
    }
    expect(indexNames(A)).not.toContain('idx_order_created_at');
  });

  it('a build that did not get its turn before its deadline says the builder was busy (503, Retry-After), not that the sandbox was locked', async () => {
    const builder = createIndexBuilder(env.dataDir);
    let err: unknown;
    try {
      // Queued behind B's build with no time left: what 15 learners' builds on one thread came to.
      const first = builder.run(B, { kind: 'teaching', name: 'idx_order_created_at', want: true }, 30_000);
      err = await builder.run(A, { kind: 'teaching', name: 'idx_user_email', want: true }, 0).catch((e: unknown) => e);
      await first;
    } finally {
      await builder.stop();
    }
    expect(err).toBeInstanceOf(BuildDeadlineError);
    expect(isLockConflict(err)).toBe(false);
    // The lab server runs in a worker: only the message reaches the main thread.
    expect(isBuildDeadline(new Error((err as Error).message))).toBe(true);
    const answer = lockConflictProblem(new Error((err as Error).message), '/api/lab/settings');
    expect(answer?.status).toBe(503);
    expect(answer?.headers['retry-after']).toBe('30');
    expect(answer?.body).toMatch(/other learners.* indexes one at a time/);
    // The text and Retry-After say the same wait (before: "try again in a minute", Retry-After 30).
    expect(answer?.body).toMatch(/Try again in 30 seconds/);
    expect(indexNames(A)).not.toContain('idx_user_email');
  });

  it('one schema change per sandbox: a second is refused at once, another sandbox is not affected', async () => {
    const locks = createSchemaLocks();
    let finish!: () => void;
    const first = locks.run(A, 'knobs', () => new Promise<void>((r) => (finish = r)));
    await expect(locks.run(A, 'SQL console', async () => 'ran')).rejects.toBeInstanceOf(SchemaChangeBusyError);
    await expect(locks.run(B, 'SQL console', async () => 'ran')).resolves.toBe('ran');
    finish();
    await first;
    await expect(locks.run(A, 'SQL console', async () => 'ran')).resolves.toBe('ran');
  });

  it('an index build that ends after its request has ended is rolled back, never committed', () => {
    const sql = 'CREATE INDEX idx_late ON orders(quantity)';
    const verdict = checkSql(sql);
    if (!verdict.ok || verdict.kind !== 'index') throw new Error('the guard should accept this index');
    const db = openDatabase(sandboxPath(env.dataDir, A), { busyTimeoutMs: 0 });
    try {
      const req = { file: '', sql, page: 1, pageSize: 50, maxRows: 10, maxBytes: 1000 };
      const outcome = runIndexChange(db, sql, verdict.index, req, () => false);
      expect(outcome).toMatchObject({ ok: false, code: 'refused' });
    } finally {
      db.close();
    }
    expect(indexNames(A)).not.toContain('idx_late');
  });

  it('a queued job that meets its sandbox\u2019s lock waits off the thread and completes once the lock is free', async () => {
    const file = sandboxPath(env.dataDir, B);
    const shared = openDatabase(file, { busyTimeoutMs: 0 });
    const q = new QueryRecorder(shared);
    const job = insertJob(q, {
      payload: { n: 1 },
      requestHash: 'h',
      idempotencyKey: null,
      now: new Date().toISOString(),
    });
    let attempts = 0;
    const worker = createJobWorker({
      db: () => shared,
      concurrency: () => 1,
      async process(_id, j) {
        attempts++;
        shared.prepare("UPDATE jobs SET status = 'succeeded', result = '1' WHERE id = ?").run(j.id);
      },
    });
    const release = holdWriteLock(B);
    let released = false;
    try {
      worker.kick(B);
      // The claim meets the lock and is retried; nothing blocks this thread meanwhile.
      await new Promise((r) => setTimeout(r, 0));
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(getJob(q, job.id)?.status).toBe('queued');
      release();
      released = true;
      for (let i = 0; i < 500 && getJob(q, job.id)?.status !== 'succeeded'; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(getJob(q, job.id)?.status).toBe('succeeded');
      expect(attempts).toBe(1);
    } finally {
      if (!released) release();
      await worker.stop();
      shared.close();
    }
  });
});
