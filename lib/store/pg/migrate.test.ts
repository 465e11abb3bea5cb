import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgTestSchema } from '../../testing/test-pg';
import { loadMigrations, migrate, migration, type Migration } from './migrate';

const db = await pgTestSchema('migrate');
afterAll(() => db?.drop());

async function tables(pool: import('pg').Pool): Promise<string[]> {
  const { rows } = await pool.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

// Tests below start from an empty schema of their own.
async function freshPool() {
  return db!.pool({ schema: await db!.freshSchema() });
}

describe('migration files', () => {
  it('are numbered 001, 002, ... and load in order', () => {
    const ms = loadMigrations();
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.map((m) => m.version)).toEqual(ms.map((_, i) => i + 1));
  });

  it('refuses a gap, a repeat or a badly named file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-mig-'));
    try {
      fs.writeFileSync(path.join(dir, '001_a.sql'), 'SELECT 1');
      fs.writeFileSync(path.join(dir, '003_c.sql'), 'SELECT 1');
      expect(() => loadMigrations(dir)).toThrow(/without gaps or repeats; found 003_c.sql at position 2/);
      fs.renameSync(path.join(dir, '003_c.sql'), path.join(dir, '2-b.sql'));
      expect(() => loadMigrations(dir)).toThrow(/2-b.sql must be named NNN_lower_snake_case.sql/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!db)('migration runner on PostgreSQL', () => {
  it('applies the shipped migrations once, then finds nothing to do', async () => {
    const pool = db!.pool();
    const first = await migrate(pool);
    const all = loadMigrations().map((m) => m.version);
    expect(first).toEqual({ applied: all, version: all.length });
    expect(await tables(pool)).toEqual(
      expect.arrayContaining(['schema_migrations', 'cluster_nodes', 'cluster_signals', 'rate_reservations']),
    );
    expect(await migrate(pool)).toEqual({ applied: [], version: all.length });
    const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(all);
  });

  it('lets several nodes start at once: each migration is applied exactly once', async () => {
    const schema = await db!.freshSchema();
    // A slow first migration widens the window in which the others would collide without the lock.
    const ms: Migration[] = [
      migration(1, 'slow', `SELECT pg_sleep(0.3); CREATE TABLE t (n integer PRIMARY KEY);`),
      migration(2, 'row', `INSERT INTO t VALUES (1);`),
      migration(3, 'col', `ALTER TABLE t ADD COLUMN label text;`),
    ];
    const nodes = Array.from({ length: 5 }, () => db!.pool({ schema }));
    const results = await Promise.all(nodes.map((p) => migrate(p, ms)));
    expect(results.flatMap((r) => r.applied).sort()).toEqual([1, 2, 3]);
    expect(results.every((r) => r.version === 3)).toBe(true);
    const { rows } = await nodes[0]!.query('SELECT count(*)::int AS n FROM t');
    expect(rows[0].n).toBe(1);
  });

  it('rolls a failing migration back, keeps the ones before it, and says which file failed', async () => {
    const pool = await freshPool();
    const ms = [
      migration(1, 'ok', 'CREATE TABLE a (x int);'),
      migration(2, 'broken', 'CREATE TABLE b (x int); SELECT no_such_function();'),
    ];
    await expect(migrate(pool, ms)).rejects.toThrow(/002_broken.sql failed and was rolled back/);
    expect(await tables(pool)).toEqual(['a', 'schema_migrations']);
    // Fixed in a later build: the runner carries on from where it stopped.
    const fixed = [ms[0]!, migration(2, 'broken', 'CREATE TABLE b (x int);')];
    expect(await migrate(pool, fixed)).toEqual({ applied: [2], version: 2 });
  });

  it('refuses an edited migration and a database newer than the code', async () => {
    const pool = await freshPool();
    await migrate(pool, [migration(1, 'a', 'CREATE TABLE a (x int);'), migration(2, 'b', 'CREATE TABLE b (x int);')]);
    await expect(
      migrate(pool, [migration(1, 'a', 'CREATE TABLE a (x bigint);'), migration(2, 'b', 'CREATE TABLE b (x int);')]),
    ).rejects.toThrow(/001_a.sql changed after it was applied/);
    await expect(migrate(pool, [migration(1, 'a', 'CREATE TABLE a (x int);')])).rejects.toThrow(
      /database is at migration 2 \(b\) but this build only knows up to 1/,
    );
  });
});
