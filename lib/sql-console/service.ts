import path from 'node:path';
import { z } from 'zod';
import { sandboxPath } from '../db/sandboxes';
import { setSingleton, singleton } from '../globals';
import { checkSql } from './guard';
import { createSqlRunnerPool, type PoolOutcome, type SqlRunnerPool } from './runner-pool';
import { SQL_LIMITS } from './schema';

/**
 * The main thread's side of the SQL console: check the statement, pick its time limit, hand
 * it to a runner process with the sandbox path computed from the learner's identity.
 */
const POOL = 'sql-runner-pool';

export function sqlRunnerScriptPath(): string {
  // Computed at run time: tell Turbopack not to trace the whole project from it.
  return path.join(/* turbopackIgnore: true */ process.cwd(), '.build', 'sql-runner.mjs');
}

export function sqlRunnerPool(): SqlRunnerPool {
  return singleton(POOL, () => createSqlRunnerPool({ script: sqlRunnerScriptPath() }));
}

/** Tests (and tools) install a pool over a runner they built themselves. */
export function setSqlRunnerPool(pool: SqlRunnerPool | undefined): void {
  setSingleton(POOL, pool);
}

const timeoutEnv = z.coerce.number().int().min(200).max(30_000).default(SQL_LIMITS.timeoutMs);

export function sqlTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = timeoutEnv.safeParse(env.SCALE_LAB_SQL_TIMEOUT_MS);
  if (!parsed.success)
    throw new Error(`Invalid SCALE_LAB_SQL_TIMEOUT_MS: ${parsed.error.issues[0]?.message ?? 'not a number'}`);
  return parsed.data;
}

/** One console statement at a time per learner: a second tab cannot double their share of the runners. */
function inFlight(): Set<string> {
  return singleton('sql-console-in-flight', () => new Set<string>());
}

export type ConsoleOutcome =
  PoolOutcome | { ok: false; code: 'in-flight' | 'schema-busy' | 'locked'; message: string; retryAfterS?: number };

/**
 * `runIndex` builds a CREATE/DROP INDEX in the lab server (its index builder, under the
 * sandbox's schema lock): schema changes never run in a runner process, which could outlive
 * a crashed server and commit for a request that had already failed.
 */
export async function runConsoleStatement(opts: {
  dataDir: string;
  sandboxId: string;
  sql: string;
  page: number;
  runIndex: (sql: string) => Promise<ConsoleOutcome>;
}): Promise<ConsoleOutcome> {
  const verdict = checkSql(opts.sql);
  if (!verdict.ok) return { ok: false, code: 'refused', message: verdict.reason };
  const running = inFlight();
  if (running.has(opts.sandboxId))
    return {
      ok: false,
      code: 'in-flight',
      message: 'Your previous statement is still running; wait for it (or for its time limit).',
    };
  running.add(opts.sandboxId);
  try {
    if (verdict.kind === 'index') return await opts.runIndex(opts.sql);
    const request = {
      file: sandboxPath(opts.dataDir, opts.sandboxId),
      sql: opts.sql,
      page: opts.page,
      pageSize: SQL_LIMITS.pageSize,
      maxRows: SQL_LIMITS.maxRows,
      maxBytes: SQL_LIMITS.maxBytes,
    };
    return await sqlRunnerPool().run(request, sqlTimeoutMs());
  } finally {
    running.delete(opts.sandboxId);
  }
}
