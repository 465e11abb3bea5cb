import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { createTestDataDir, openTestSandbox } from '../testing/test-env';
import { runConsoleQuery, runIndexChange, runRead, type RunRequest } from './run-query';

/** The runner's work on a real sandbox file, in-process (the child process adds only the kill). */
let env: ReturnType<typeof createTestDataDir>;
let file: string;

beforeAll(() => {
  env = createTestDataDir();
  const { db } = openTestSandbox(env.dataDir);
  db.close();
  file = path.join(env.dataDir, 'sandboxes', 'sbx_testtesttesttesttest.db');
});
afterAll(() => env.cleanup());

const req = (sql: string, extra: Partial<RunRequest> = {}): RunRequest => ({
  file,
  sql,
  page: 1,
  pageSize: 50,
  maxRows: 1000,
  maxBytes: 1_000_000,
  ...extra,
});

describe('runConsoleQuery', () => {
  it('runs a SELECT and returns columns, the first page and the row count', () => {
    const out = runConsoleQuery(req('SELECT id, email FROM users ORDER BY id'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result).toMatchObject({
      kind: 'select',
      columns: ['id', 'email'],
      rowCount: 1000,
      truncated: false,
      page: 1,
      pageSize: 50,
    });
    expect(out.result.rows).toHaveLength(50);
    expect(out.result.rows[0]?.[0]).toBe(1);
    expect(out.result.ms).toBeGreaterThanOrEqual(0);
  });

  it('pages through the capped rows and flags truncation by rows and by bytes', () => {
    const page3 = runConsoleQuery(req('SELECT id FROM orders ORDER BY id', { page: 3 }));
    expect(page3.ok && page3.result).toMatchObject({ rowCount: 1000, truncated: true, rows: expect.any(Array) });
    expect(page3.ok && page3.result.rows[0]).toEqual([101]);
    const bytes = runConsoleQuery(req("SELECT printf('%.*c', 1000, 'x') FROM orders", { maxBytes: 10_000 }));
    expect(bytes.ok && bytes.result).toMatchObject({ truncated: true });
    expect(bytes.ok && bytes.result.rowCount).toBeLessThan(10);
  });

  it('runs EXPLAIN QUERY PLAN and reports the scan', () => {
    const out = runConsoleQuery(req('EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 42'));
    expect(out.ok && out.result.kind).toBe('explain');
    expect(out.ok && out.result.columns).toContain('detail');
    expect(JSON.stringify(out.ok && out.result.rows)).toMatch(/SCAN orders/);
  });

  it('creates and drops an index on a teaching table, and the plan follows', () => {
    const created = runConsoleQuery(req('CREATE INDEX idx_order_user_id ON orders(user_id)'));
    expect(created.ok && created.result).toMatchObject({
      kind: 'index',
      index: { name: 'idx_order_user_id', table: 'orders', action: 'created' },
    });
    const plan = runConsoleQuery(req('EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 42'));
    expect(JSON.stringify(plan.ok && plan.result.rows)).toMatch(/USING INDEX idx_order_user_id/);
    // SQLite's stored definition, normalized, is what another node rebuilds it from.
    const lax = runConsoleQuery(req('create index if not exists main.idx_lax on orders (status, user_id)'));
    expect(lax.ok && lax.result.index).toEqual({
      name: 'idx_lax',
      table: 'orders',
      action: 'created',
      sql: 'CREATE INDEX idx_lax on orders (status, user_id)',
    });
    const again = runConsoleQuery(req('CREATE INDEX IF NOT EXISTS idx_order_user_id ON orders(user_id)'));
    expect(again.ok && again.result.index).toMatchObject({ action: 'unchanged' });
    const dropped = runConsoleQuery(req('DROP INDEX idx_order_user_id'));
    expect(dropped.ok && dropped.result.index).toMatchObject({
      name: 'idx_order_user_id',
      table: 'orders',
      action: 'dropped',
    });
  });

  it('refuses before opening anything, and reports SQLite errors as they are', () => {
    expect(runConsoleQuery(req('DELETE FROM orders'))).toMatchObject({ ok: false, code: 'refused' });
    expect(runConsoleQuery(req('SELECT nope FROM orders'))).toMatchObject({
      ok: false,
      code: 'sqlite',
      message: expect.stringMatching(/no such column/),
    });
    expect(
      runConsoleQuery(req('SELECT 1', { file: path.join(env.dataDir, 'sandboxes', 'sbx_missingmissingmissin.db') })),
    ).toMatchObject({ ok: false, code: 'missing' });
  });

  it('load_extension is not authorized even inside a SELECT that reaches SQLite', () => {
    const db = openDatabase(file, { readonly: true });
    try {
      expect(runRead(db, "SELECT load_extension('/nonexistent.so')", 'select', req(''))).toMatchObject({
        ok: false,
        message: expect.stringMatching(/not authorized/),
      });
    } finally {
      db.close();
    }
  });
});

describe('the safety net under the guard', () => {
  it('asks SQLite: statements that write or return no rows are refused on the read path', () => {
    const db = openDatabase(file, { readonly: true });
    try {
      for (const sql of [
        'DELETE FROM orders',
        "ATTACH 'x.db' AS x",
        'BEGIN',
        'PRAGMA user_version = 9',
        'CREATE INDEX i ON orders(status)',
      ]) {
        expect(runRead(db, sql, 'select', req(sql)), sql).toMatchObject({ ok: false, code: 'refused' });
      }
      expect(runRead(db, 'SELECT 1; DELETE FROM orders', 'select', req(''))).toMatchObject({
        ok: false,
        code: 'refused',
        message: expect.stringMatching(/One statement/),
      });
    } finally {
      db.close();
    }
  });

  it('the read-only connection cannot write even if a statement got through', () => {
    const db = openDatabase(file, { readonly: true });
    try {
      expect(() => db.exec('DELETE FROM orders')).toThrow(/readonly/);
    } finally {
      db.close();
    }
  });

  it('rolls back an "index" statement that changed anything but one index on a teaching table', () => {
    const db = openDatabase(file, { wal: false });
    try {
      const meta = runIndexChange(
        db,
        'CREATE INDEX i_meta ON template_meta(value)',
        { action: 'create', name: 'i_meta', table: 'template_meta' },
        req(''),
      );
      expect(meta).toMatchObject({ ok: false, code: 'refused' });
      const table = runIndexChange(
        db,
        'CREATE TABLE sneaky (x)',
        { action: 'create', name: 'sneaky', table: 'orders' },
        req(''),
      );
      expect(table).toMatchObject({ ok: false, code: 'refused' });
      const names = db.prepare("SELECT name FROM sqlite_master WHERE name IN ('i_meta', 'sneaky')").all();
      expect(names).toEqual([]);
      expect(db.inTransaction).toBe(false);
    } finally {
      db.close();
    }
  });
});
