import fs from 'node:fs';
import { isLockConflict } from '../db/lock-conflict';
import { openDatabase, type Db } from '../db/open';
import { checkSql, TEACHING_TABLES, type IndexStatement, type SqlKind } from './guard';
import type { SqlConsoleResult, SqlIndexChange } from './schema';

// Console statements take no parameters.
type Statement = import('better-sqlite3').Statement<unknown[]>;

/**
 * What the runner process does with one console statement. Runs in a child process that the
 * main thread SIGKILLs after the time limit (better-sqlite3 cannot interrupt a statement),
 * so nothing here needs to be careful about time; it only has to be careful about safety
 * and size.
 */
export type RunRequest = {
  /** Computed by the server from the learner's identity; never taken from a request. */
  file: string;
  sql: string;
  page: number;
  pageSize: number;
  maxRows: number;
  maxBytes: number;
};

export type RunFailure = { ok: false; code: 'refused' | 'sqlite' | 'missing' | 'locked'; message: string };
export type RunOutcome = { ok: true; result: SqlConsoleResult } | RunFailure;

/** SQLite's own memory ceiling for the runner: a huge sort or string fails instead of swapping. */
const HEAP_LIMIT_BYTES = 256 * 1024 * 1024;

const fail = (code: RunFailure['code'], message: string): RunFailure => ({ ok: false, code, message });

function sqliteFailure(err: unknown): RunFailure {
  const message = err instanceof Error ? err.message : String(err);
  // better-sqlite3's wording for a second statement after the first one.
  // Runners are shared by every learner: they never wait on a sandbox's lock (busy_timeout 0).
  if (isLockConflict(err))
    return fail(
      'locked',
      'Your sandbox is busy with a change that holds its lock (an index build, usually); try again in a moment.',
    );
  if (/more than one statement/i.test(message))
    return fail(
      'refused',
      'One statement at a time: SQLite found a second statement after the first. Run them one by one.',
    );
  return fail('sqlite', message);
}

function cell(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `<blob ${value.length} bytes>`;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Exported for tests of the safety net on its own, without the guard in front of it. */
export function runRead(db: Db, sql: string, kind: SqlKind, req: RunRequest): RunOutcome {
  let stmt: Statement;
  try {
    stmt = db.prepare(sql);
  } catch (err) {
    return sqliteFailure(err);
  }
  // The safety net under the guard: SQLite itself says whether the statement can write and
  // whether it returns rows (ATTACH and BEGIN are "read-only" but return nothing).
  if (!stmt.readonly || !stmt.reader) {
    return fail('refused', 'SQLite reports that this statement could change the database, so the console refuses it.');
  }
  stmt.raw(true);
  const columns = stmt.columns().map((c) => c.name);
  const first = (req.page - 1) * req.pageSize;
  const rows: unknown[][] = [];
  let rowCount = 0;
  let bytes = 0;
  let truncated = false;
  const started = performance.now();
  try {
    for (const raw of stmt.iterate() as Iterable<unknown[]>) {
      if (rowCount >= req.maxRows) {
        truncated = true;
        break;
      }
      const row = raw.map(cell);
      bytes += JSON.stringify(row).length + 1;
      if (bytes > req.maxBytes) {
        truncated = true;
        break;
      }
      if (rowCount >= first && rows.length < req.pageSize) rows.push(row);
      rowCount++;
    }
  } catch (err) {
    return sqliteFailure(err);
  }
  const ms = performance.now() - started;
  return {
    ok: true,
    result: {
      kind: kind === 'explain' ? 'explain' : 'select',
      columns,
      rows,
      rowCount,
      truncated,
      ms,
      page: req.page,
      pageSize: req.pageSize,
    },
  };
}

type IndexRow = { name: string; tbl_name: string; sql: string | null };

function schemaSnapshot(db: Db): { indexes: Map<string, IndexRow>; other: string } {
  const rows = db
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
    .all() as (IndexRow & { type: string })[];
  const indexes = new Map(rows.filter((r) => r.type === 'index').map((r) => [r.name, r]));
  const other = JSON.stringify(rows.filter((r) => r.type !== 'index'));
  return { indexes, other };
}

const isTeachingTable = (t: string | undefined) =>
  (TEACHING_TABLES as readonly string[]).includes((t ?? '').toLowerCase());

/**
 * CREATE INDEX / DROP INDEX: the only statements allowed to write. They run in a
 * transaction, and SQLite's own catalogue decides whether to commit: exactly one index
 * added or removed, on a teaching table, and nothing else in the schema changed.
 */
export function runIndexChange(
  db: Db,
  sql: string,
  target: IndexStatement,
  req: RunRequest,
  mayCommit: () => boolean = () => true,
): RunOutcome {
  const action = target.action;
  let stmt: Statement;
  try {
    stmt = db.prepare(sql);
  } catch (err) {
    return sqliteFailure(err);
  }
  if (stmt.reader)
    return fail('refused', 'SQLite reports that this statement returns rows, so it is not an index statement.');
  const before = schemaSnapshot(db);
  const started = performance.now();
  db.exec('BEGIN IMMEDIATE');
  try {
    stmt.run();
  } catch (err) {
    db.exec('ROLLBACK');
    return sqliteFailure(err);
  }
  const ms = performance.now() - started;
  const after = schemaSnapshot(db);
  const added = [...after.indexes.keys()].filter((n) => !before.indexes.has(n));
  const removed = [...before.indexes.keys()].filter((n) => !after.indexes.has(n));
  const changed = action === 'create' ? added : removed;
  const other = action === 'create' ? removed : added;
  const row = action === 'create' ? after.indexes.get(changed[0] ?? '') : before.indexes.get(changed[0] ?? '');
  const table = row?.tbl_name;
  if (
    before.other !== after.other ||
    other.length > 0 ||
    changed.length > 1 ||
    (changed.length === 1 && !isTeachingTable(table))
  ) {
    db.exec('ROLLBACK');
    return fail(
      'refused',
      `Only indexes on ${TEACHING_TABLES.join(', ')} may be ${action === 'create' ? 'created' : 'dropped'}; nothing was changed.`,
    );
  }
  // The request may have ended while the index was built (its time limit, a crash of the
  // caller): work nobody is waiting for any more is rolled back, never committed.
  if (!mayCommit()) {
    db.exec('ROLLBACK');
    return fail(
      'refused',
      'The index build finished after its request had ended, so it was rolled back; nothing was changed.',
    );
  }
  db.exec('COMMIT');
  // A new index carries the definition SQLite stored (normalized), so it can be built again elsewhere.
  const index: SqlIndexChange = !changed[0]
    ? { name: target.name, table: target.action === 'create' ? target.table : '', action: 'unchanged' }
    : action === 'create'
      ? { name: changed[0], table: table ?? '', action: 'created', ...(row?.sql ? { sql: row.sql } : {}) }
      : { name: changed[0], table: table ?? '', action: 'dropped' };
  return {
    ok: true,
    result: {
      kind: 'index',
      columns: [],
      rows: [],
      rowCount: 0,
      truncated: false,
      ms,
      page: 1,
      pageSize: req.pageSize,
      index,
    },
  };
}

export function runConsoleQuery(req: RunRequest): RunOutcome {
  // The runner trusts nothing from its parent but the file: it checks the statement again.
  const verdict = checkSql(req.sql);
  if (!verdict.ok) return fail('refused', verdict.reason);
  if (!fs.existsSync(req.file))
    return fail('missing', 'Your sandbox has no database file yet; reload the page to create it.');
  // Read-only unless this is an index statement: even a guard bug cannot write through this handle.
  const db = openDatabase(
    req.file,
    verdict.kind === 'index' ? { wal: false, busyTimeoutMs: 0 } : { readonly: true, busyTimeoutMs: 0 },
  );
  try {
    db.pragma(`hard_heap_limit = ${HEAP_LIMIT_BYTES}`);
    if (verdict.kind === 'index') return runIndexChange(db, req.sql, verdict.index, req);
    return runRead(db, req.sql, verdict.kind, req);
  } finally {
    db.close();
  }
}
