import Database from 'better-sqlite3';

export type Db = Database.Database;

export type OpenOptions = {
  readonly?: boolean;
  wal?: boolean;
  /**
   * How long a statement waits for another connection's lock. Connections on threads that
   * serve many sandboxes pass 0: waiting there would make every learner wait on one
   * learner's lock. Their callers handle the conflict instead (lock-conflict.ts).
   */
  busyTimeoutMs?: number;
};

/**
 * The one place that opens SQLite. WAL lets a reader (the SQL console, EXPLAIN) run beside a
 * writer; synchronous=NORMAL is the usual WAL pairing: durable across crashes of the app,
 * not of the OS, which is the right trade for a teaching sandbox.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
  if (!opts.readonly && opts.wal !== false) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  return db;
}

/** Prepared statements are costly to build; keep one per SQL text per connection. */
const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

export function prepareCached(db: Db, sql: string): Database.Statement {
  let byDb = statementCache.get(db);
  if (!byDb) {
    byDb = new Map();
    statementCache.set(db, byDb);
  }
  let stmt = byDb.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byDb.set(sql, stmt);
  }
  return stmt;
}

/** Statements must be rebuilt after the schema changes (CREATE/DROP INDEX changes plans). */
export function forgetStatements(db: Db): void {
  statementCache.delete(db);
}
