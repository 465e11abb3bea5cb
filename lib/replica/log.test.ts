import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { applyDue, createWriteCapture, LOG_DDL, readAppliedSeq, replicaLagMs, REPLICA_STATE_DDL } from './log';

// Two real in-memory SQLite databases with the same starting table: a primary and its replica.
let primary: Db;
let replica: Db;
beforeEach(() => {
  primary = new Database(':memory:');
  replica = new Database(':memory:');
  for (const db of [primary, replica]) db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)');
  primary.exec(LOG_DDL);
  replica.exec(REPLICA_STATE_DDL);
});
afterEach(() => {
  primary.close();
  replica.close();
});

/** One "request": its statements run on the primary and are logged in one transaction. */
function write(atMs: number, ...values: string[]): number[] {
  const capture = createWriteCapture(primary, () => atMs);
  return primary.transaction(() =>
    values.map((v) => {
      primary.prepare('INSERT INTO t (v) VALUES (?)').run(v);
      return capture.append('INSERT INTO t (v) VALUES (?)', [v]);
    }),
  )();
}
const replicaValues = () => replica.prepare('SELECT id, v FROM t ORDER BY id').all() as { id: number; v: string }[];

describe('replication log applier', () => {
  it('applies nothing before a write is lagMs old, then applies it', () => {
    write(1_000, 'a');
    expect(applyDue(primary, replica, { nowMs: 1_999, lagMs: 1_000, maxRows: 100 })).toEqual({
      applied: 0,
      appliedSeq: 0,
      pending: true,
    });
    expect(replicaValues()).toEqual([]);
    expect(applyDue(primary, replica, { nowMs: 2_000, lagMs: 1_000, maxRows: 100 })).toEqual({
      applied: 1,
      appliedSeq: 1,
      pending: false,
    });
    expect(replicaValues()).toEqual([{ id: 1, v: 'a' }]);
    expect(readAppliedSeq(replica)).toBe(1);
  });

  it('replays in log order, so autoincrement ids on the replica match the primary', () => {
    write(10, 'a');
    write(11, 'b');
    write(12, 'c');
    applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 100 });
    expect(replicaValues()).toEqual(primary.prepare('SELECT id, v FROM t ORDER BY id').all());
  });

  it('stops at the first write that is not due, even if a later one looks due (no reordering)', () => {
    write(500, 'late-commit-first');
    write(100, 'clock-went-back');
    const r = applyDue(primary, replica, { nowMs: 300, lagMs: 0, maxRows: 100 });
    expect(r.applied).toBe(0);
    expect(replicaValues()).toEqual([]);
  });

  it('bounds the batch and continues where it stopped', () => {
    for (let i = 0; i < 5; i++) write(i, `v${i}`);
    expect(applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 2 }).applied).toBe(2);
    expect(applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 2 }).applied).toBe(2);
    const last = applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 2 });
    expect(last).toEqual({ applied: 1, appliedSeq: 5, pending: false });
    expect(replicaValues().map((r) => r.v)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });

  it('never applies half a transaction, even when it is bigger than a batch', () => {
    write(1, 'x1', 'x2', 'x3');
    write(2, 'y1');
    const first = applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 2 });
    expect(first.applied).toBe(3);
    expect(replicaValues().map((r) => r.v)).toEqual(['x1', 'x2', 'x3']);
    // A small transaction behind a cut-off one waits for the next call rather than splitting it.
    write(3, 'z1', 'z2');
    const second = applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 2 });
    expect(second.applied).toBe(1);
    expect(replicaValues().map((r) => r.v)).toEqual(['x1', 'x2', 'x3', 'y1']);
  });

  it('trims applied rows from the primary log', () => {
    write(1, 'a');
    write(2, 'b');
    applyDue(primary, replica, { nowMs: 100, lagMs: 0, maxRows: 1 });
    expect(primary.prepare('SELECT seq FROM _replication_log').all()).toEqual([{ seq: 2 }]);
  });

  it('measures lag as the age of the oldest write the replica has not replayed', () => {
    expect(replicaLagMs(primary, 0, 5_000)).toBe(0);
    write(1_000, 'a');
    write(1_600, 'b');
    expect(replicaLagMs(primary, 0, 2_000)).toBe(1_000);
    applyDue(primary, replica, { nowMs: 2_000, lagMs: 1_000, maxRows: 100 });
    expect(replicaLagMs(primary, readAppliedSeq(replica), 2_000)).toBe(400);
  });
});
