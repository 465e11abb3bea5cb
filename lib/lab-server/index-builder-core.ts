import fs from 'node:fs';
import { isLockConflict } from '../db/lock-conflict';
import { openDatabase } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import { TEACHING_INDEXES, type TeachingIndex } from '../db/schema';
import { checkSql } from '../sql-console/guard';
import { runIndexChange, type RunOutcome } from '../sql-console/run-query';
import { SQL_LIMITS } from '../sql-console/schema';

/**
 * Schema work on one sandbox, run on the index builder's own thread (index-builder.ts): a
 * teaching index from the knobs, or a CREATE/DROP INDEX typed in the SQL console. Each build
 * opens its own connection with busy_timeout 0 and takes the write lock with BEGIN
 * IMMEDIATE: if the sandbox's lock is taken, it answers `locked` at once and the builder
 * retries later, so no thread ever waits on a sandbox's lock.
 */
export type BuildOp = { kind: 'teaching'; name: TeachingIndex; want: boolean } | { kind: 'console'; sql: string };

export type BuildRequest = {
  sandboxId: string;
  op: BuildOp;
  /** epoch ms; past it the build is rolled back */ deadline: number;
};

export type BuildResult =
  { status: 'done'; ms: number; outcome?: RunOutcome } | { status: 'locked' } | { status: 'expired' };

export function runBuild(dataDir: string, req: BuildRequest, now: () => number = Date.now): BuildResult {
  if (now() >= req.deadline) return { status: 'expired' };
  const file = sandboxPath(dataDir, req.sandboxId);
  if (!fs.existsSync(file)) throw new Error(`sandbox ${req.sandboxId} has no database file`);
  const db = openDatabase(file, { busyTimeoutMs: 0 });
  try {
    const mayCommit = () => now() < req.deadline;
    if (req.op.kind === 'console') {
      const verdict = checkSql(req.op.sql);
      if (!verdict.ok)
        return { status: 'done', ms: 0, outcome: { ok: false, code: 'refused', message: verdict.reason } };
      if (verdict.kind !== 'index') throw new Error('only index statements are run by the index builder');
      const request = {
        file,
        sql: req.op.sql,
        page: 1,
        pageSize: SQL_LIMITS.pageSize,
        maxRows: SQL_LIMITS.maxRows,
        maxBytes: SQL_LIMITS.maxBytes,
      };
      const outcome = runIndexChange(db, req.op.sql, verdict.index, request, mayCommit);
      if (!outcome.ok && outcome.code === 'sqlite' && /locked|busy/i.test(outcome.message)) return { status: 'locked' };
      return { status: 'done', ms: outcome.ok ? outcome.result.ms : 0, outcome };
    }
    const sql = req.op.want
      ? TEACHING_INDEXES[req.op.name].replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS')
      : `DROP INDEX IF EXISTS ${req.op.name}`;
    const t0 = performance.now();
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(sql);
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
    if (!mayCommit()) {
      db.exec('ROLLBACK');
      return { status: 'expired' };
    }
    db.exec('COMMIT');
    return { status: 'done', ms: performance.now() - t0 };
  } catch (err) {
    if (isLockConflict(err)) return { status: 'locked' };
    throw err;
  } finally {
    db.close();
  }
}
