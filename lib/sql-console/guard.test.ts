import { describe, expect, it } from 'vitest';
import { checkSql, type RefusalCode } from './guard';
import { tokenize } from './lexer';

type Allowed = [sql: string, kind: 'select' | 'explain' | 'index'];
type Refused = [sql: string, code: RefusalCode];

const ALLOWED: Allowed[] = [
  ['SELECT * FROM orders LIMIT 10', 'select'],
  ['select count(*) from users', 'select'],
  ['  SeLeCt 1  ;  ', 'select'],
  ['SELECT 1;;', 'select'],
  ['VALUES (1), (2)', 'select'],
  ["SELECT ';DELETE FROM orders' AS s", 'select'],
  ['SELECT "delete" FROM (SELECT 1 AS "delete")', 'select'],
  ['SELECT 1 -- ; DELETE FROM orders', 'select'],
  ['SELECT 1 /* ; DROP TABLE orders; */', 'select'],
  ['/* leading comment */ SELECT 1', 'select'],
  ['WITH recent AS (SELECT * FROM orders ORDER BY id DESC LIMIT 5) SELECT * FROM recent', 'select'],
  ['WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n', 'select'],
  ['WITH a AS MATERIALIZED (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b', 'select'],
  ['EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 42', 'explain'],
  ['explain query plan with x as (select 1) select * from x', 'explain'],
  ['EXPLAIN SELECT 1', 'explain'],
  ['PRAGMA table_info(orders)', 'select'],
  ['pragma index_list("orders")', 'select'],
  ['PRAGMA main.index_info(idx_order_user_id)', 'select'],
  ["SELECT * FROM pragma_table_info('orders')", 'select'],
  ['CREATE INDEX idx_order_user_id ON orders(user_id)', 'index'],
  ['create unique index if not exists "u_email" on [users] (email)', 'index'],
  ['CREATE INDEX main.idx_x ON products(category, price_cents) WHERE stock > 0', 'index'],
  ['DROP INDEX idx_order_user_id', 'index'],
  ['drop index if exists main.idx_order_user_id;', 'index'],
];

const REFUSED: Refused[] = [
  ['', 'empty'],
  ['   -- only a comment', 'empty'],
  [';', 'empty'],
  ['DELETE FROM orders', 'write'],
  ['delete from orders where id = 1', 'write'],
  ['DeLeTe FrOm orders', 'write'],
  ['UPDATE users SET name = 1', 'write'],
  ["INSERT INTO users VALUES (1, 'a', 'b', 'DE', 'x')", 'write'],
  ['REPLACE INTO users(id) VALUES (1)', 'write'],
  ['WITH x AS (SELECT 1) DELETE FROM orders WHERE id IN (SELECT * FROM x)', 'write'],
  ['with x as (select 1) update orders set status = 1', 'write'],
  ['WITH x AS (SELECT 1) INSERT INTO orders SELECT * FROM orders', 'write'],
  ['EXPLAIN QUERY PLAN WITH x AS (SELECT 1) DELETE FROM orders', 'write'],
  ['EXPLAIN DELETE FROM orders', 'unsupported'],
  ['SELECT 1; DELETE FROM orders', 'multiple-statements'],
  ['SELECT 1 /* hide */; DELETE FROM orders', 'multiple-statements'],
  ['SELECT 1 /* ; */ ; /* x */ DROP TABLE orders', 'multiple-statements'],
  ["SELECT ';'; SELECT 2", 'multiple-statements'],
  ['SELECT 1 -- comment\n; DELETE FROM orders', 'multiple-statements'],
  ['/* SELECT 1; */ DELETE FROM orders', 'write'],
  ['-- SELECT 1\nDELETE FROM orders', 'write'],
  ["ATTACH 'other.db' AS o", 'attach'],
  ["attach database '/tmp/x.db' as x", 'attach'],
  ['DETACH o', 'attach'],
  ['PRAGMA journal_mode = DELETE', 'pragma'],
  ['PRAGMA journal_mode', 'pragma'],
  ['PRAGMA user_version = 7', 'pragma'],
  ['pragma writable_schema=ON', 'pragma'],
  ['PRAGMA table_info = 1', 'pragma'],
  ['PRAGMA other.table_info(orders)', 'pragma'],
  ["SELECT load_extension('/tmp/evil.so')", 'extension'],
  ["select LOAD_EXTENSION('x')", 'extension'],
  ['VACUUM', 'vacuum'],
  ["VACUUM INTO '/tmp/copy.db'", 'vacuum'],
  ['BEGIN', 'transaction'],
  ['COMMIT', 'transaction'],
  ['SAVEPOINT a', 'transaction'],
  ['CREATE TABLE t (x)', 'schema'],
  ['CREATE TEMP TABLE t (x)', 'schema'],
  ['CREATE VIEW v AS SELECT 1', 'schema'],
  // A trigger body holds its own semicolons, so it never reaches the CREATE check.
  ['CREATE TRIGGER t AFTER INSERT ON orders BEGIN DELETE FROM users; END', 'multiple-statements'],
  ['CREATE TRIGGER t AFTER INSERT ON orders BEGIN SELECT 1 END', 'schema'],
  ['CREATE INDEX i ON template_meta(value)', 'schema'],
  ['CREATE INDEX i ON sqlite_master(name)', 'schema'],
  ['CREATE INDEX temp.i ON orders(user_id)', 'schema'],
  ['DROP TABLE orders', 'schema'],
  ['drop view v', 'schema'],
  ['ALTER TABLE orders ADD COLUMN x', 'schema'],
  ['ANALYZE', 'schema'],
  ['REINDEX', 'schema'],
  ["SELECT 'unterminated", 'syntax'],
  ['SELECT "unterminated', 'syntax'],
  ['SELECT 1\0; DELETE FROM orders', 'syntax'],
  ['(SELECT 1)', 'unsupported'],
  ['GRANT ALL', 'unsupported'],
  ['x'.repeat(10_001), 'too-long'],
];

describe('checkSql: allowed statements', () => {
  it.each(ALLOWED)('%s -> %s', (sql, kind) => {
    const verdict = checkSql(sql);
    expect(verdict).toMatchObject({ ok: true, kind });
  });
});

const short = (sql: string) => (sql.length > 80 ? `${sql.slice(0, 40)}… (${sql.length} chars)` : sql);

describe('checkSql: refused statements', () => {
  it.each(REFUSED.map(([sql, code]) => [short(sql), code, sql] as const))('%s -> %s', (_name, code, sql) => {
    const verdict = checkSql(sql);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.code).toBe(code);
      expect(verdict.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('checkSql: index statements', () => {
  it('names the index and the (unquoted, lower-cased) table', () => {
    expect(checkSql('CREATE UNIQUE INDEX IF NOT EXISTS "My Index" ON `Users` (email)')).toEqual({
      ok: true,
      kind: 'index',
      index: { action: 'create', name: 'My Index', table: 'users' },
    });
    expect(checkSql('DROP INDEX IF EXISTS main.[idx x]')).toEqual({
      ok: true,
      kind: 'index',
      index: { action: 'drop', name: 'idx x' },
    });
  });

  it('explains the refusal in words a learner can act on', () => {
    const v = checkSql('SELECT 1; SELECT 2; SELECT 3');
    expect(v).toMatchObject({ ok: false, reason: expect.stringContaining('3 statements') });
    expect(checkSql('CREATE INDEX i ON template_meta(value)')).toMatchObject({
      reason: expect.stringContaining('users, products, orders'),
    });
  });
});

describe('tokenize', () => {
  it('keeps strings, quoted names and comments apart like SQLite does', () => {
    const lexed = tokenize(`SELECT 'it''s', "a""b", [c d], \`e\`, x'ff' -- tail ; x\n/* ; */ FROM t`);
    expect(lexed.ok).toBe(true);
    if (!lexed.ok) return;
    expect(lexed.tokens.map((t) => [t.kind, t.text])).toEqual([
      ['word', 'SELECT'],
      ['string', "'it''s'"],
      ['punct', ','],
      ['quoted', 'a"b'],
      ['punct', ','],
      ['quoted', 'c d'],
      ['punct', ','],
      ['quoted', 'e'],
      ['punct', ','],
      ['string', "x'ff'"],
      ['word', 'FROM'],
      ['word', 't'],
    ]);
  });

  it('treats an unterminated block comment as running to the end', () => {
    const lexed = tokenize('SELECT 1 /* ; DELETE FROM orders');
    expect(lexed.ok && lexed.tokens.map((t) => t.text)).toEqual(['SELECT', '1']);
  });
});

describe('schema info for completion', async () => {
  const { SHOP_TABLES } = await import('./schema-info');
  it('reads every table and column from the template DDL', () => {
    const orders = SHOP_TABLES.find((t) => t.name === 'orders');
    expect(SHOP_TABLES.map((t) => t.name)).toEqual(['users', 'products', 'orders', 'template_meta']);
    expect(orders?.columns.map((c) => c.name)).toEqual([
      'id',
      'user_id',
      'product_id',
      'quantity',
      'total_cents',
      'status',
      'created_at',
    ]);
    expect(orders?.columns[0]).toEqual({ name: 'id', type: 'INTEGER' });
  });
});
