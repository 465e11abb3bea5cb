import { prepareCached, type Db } from '../db/open';

/**
 * The replication log: every write statement the primary commits, with its parameters, in
 * commit order. It lives in the primary's own file and is written in the same transaction
 * as the write it records, so the log and the data can never disagree (the role the WAL
 * plays for Postgres streaming replication, or the binlog for MySQL). The replica replays
 * it statement by statement, like MySQL's statement-based replication.
 */
export const LOG_DDL = `CREATE TABLE IF NOT EXISTS _replication_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  txn INTEGER NOT NULL,
  committed_at INTEGER NOT NULL,
  sql TEXT NOT NULL,
  params TEXT NOT NULL
)`;

/** Kept in the replica: how far into the log it has replayed. */
export const REPLICA_STATE_DDL =
  'CREATE TABLE IF NOT EXISTS _replica_state (id INTEGER PRIMARY KEY CHECK (id = 1), applied_seq INTEGER NOT NULL)';

export type LogRow = { seq: number; txn: number; committed_at: number; sql: string; params: string };

/**
 * A per-request recorder of writes. Statements of one request share a transaction id (the
 * seq of its first statement), so the replica applies a request's writes all or nothing.
 * Returns the seq of each appended row.
 */
export function createWriteCapture(primary: Db, nowMs: () => number) {
  let txn: number | null = null;
  let lastSeq = 0;
  return {
    append(sql: string, params: unknown[]): number {
      const info = prepareCached(
        primary,
        'INSERT INTO _replication_log (txn, committed_at, sql, params) VALUES (?, ?, ?, ?)',
      ).run(txn ?? 0, nowMs(), sql, JSON.stringify(params));
      const seq = Number(info.lastInsertRowid);
      if (txn === null) {
        txn = seq;
        prepareCached(primary, 'UPDATE _replication_log SET txn = ? WHERE seq = ?').run(seq, seq);
      }
      lastSeq = seq;
      return seq;
    },
    get lastSeq() {
      return lastSeq;
    },
  };
}

export function readAppliedSeq(replica: Db): number {
  const row = prepareCached(replica, 'SELECT applied_seq FROM _replica_state WHERE id = 1').get() as
    { applied_seq: number } | undefined;
  return row?.applied_seq ?? 0;
}

/** The oldest write the replica has not replayed yet, or null when it is caught up. */
export function oldestUnapplied(primary: Db, appliedSeq: number): { seq: number; committedAt: number } | null {
  const row = prepareCached(
    primary,
    'SELECT seq, committed_at FROM _replication_log WHERE seq > ? ORDER BY seq LIMIT 1',
  ).get(appliedSeq) as { seq: number; committed_at: number } | undefined;
  return row ? { seq: row.seq, committedAt: row.committed_at } : null;
}

/**
 * How stale the replica is right now: the age of the oldest write it has not replayed
 * (everything committed since then is missing from it), or 0 when it is caught up.
 */
export function replicaLagMs(primary: Db, appliedSeq: number, nowMs: number): number {
  const oldest = oldestUnapplied(primary, appliedSeq);
  return oldest ? Math.max(0, nowMs - oldest.committedAt) : 0;
}

export type ApplyResult = { applied: number; appliedSeq: number; pending: boolean };

/**
 * Replays, in log order, every whole transaction committed at least `lagMs` ago, at most
 * about `maxRows` statements per call (a bounded batch keeps the lab server responsive when
 * a burst of writes falls due at once). Stops at the first transaction that is not due yet:
 * applying a later one first would reorder writes. Applied rows are trimmed from the log.
 */
export function applyDue(
  primary: Db,
  replica: Db,
  opts: { nowMs: number; lagMs: number; maxRows: number },
): ApplyResult {
  const appliedSeq = readAppliedSeq(replica);
  const cutoff = opts.nowMs - opts.lagMs;
  const rows = prepareCached(
    primary,
    'SELECT seq, txn, committed_at, sql, params FROM _replication_log WHERE seq > ? ORDER BY seq LIMIT ?',
  ).all(appliedSeq, opts.maxRows + 1) as LogRow[];
  const batch: LogRow[] = [];
  let i = 0;
  while (i < rows.length) {
    const txn = rows[i]!.txn;
    let j = i;
    while (j < rows.length && rows[j]!.txn === txn) j++;
    const group = rows.slice(i, j);
    // The fetch may have cut this transaction short: finish it (even past maxRows if it is the only one), or leave it for the next call.
    const cutShort = j === rows.length && rows.length > opts.maxRows;
    const whole = cutShort ? (batch.length ? null : wholeTxn(primary, txn, appliedSeq)) : group;
    if (!whole || whole.some((r) => r.committed_at > cutoff)) break;
    batch.push(...whole);
    i = j;
    if (batch.length >= opts.maxRows) break;
  }
  if (batch.length === 0) return { applied: 0, appliedSeq, pending: rows.length > 0 };
  const last = batch[batch.length - 1]!.seq;
  replica.transaction(() => {
    for (const r of batch) prepareCached(replica, r.sql).run(...(JSON.parse(r.params) as unknown[]));
    prepareCached(
      replica,
      'INSERT INTO _replica_state (id, applied_seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET applied_seq = excluded.applied_seq',
    ).run(last);
  })();
  // Only after the replica committed: a crash in between leaves rows the seq check skips.
  prepareCached(primary, 'DELETE FROM _replication_log WHERE seq <= ?').run(last);
  return { applied: batch.length, appliedSeq: last, pending: oldestUnapplied(primary, last) !== null };
}

function wholeTxn(primary: Db, txn: number, afterSeq: number): LogRow[] {
  return prepareCached(
    primary,
    'SELECT seq, txn, committed_at, sql, params FROM _replication_log WHERE txn = ? AND seq > ? ORDER BY seq',
  ).all(txn, afterSeq) as LogRow[];
}
