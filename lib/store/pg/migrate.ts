import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/**
 * A small migration runner over plain SQL files: `NNN_what_it_does.sql`, applied in version
 * order, each in its own transaction, each recorded in `schema_migrations` with a checksum.
 * Every node runs it at start; an advisory lock makes the nodes take turns, so when three
 * start at once one applies and the others find nothing left to do.
 */
export type Migration = { version: number; name: string; sql: string; checksum: string };

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export function migrationsDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'store', 'pg', 'migrations');
}

export function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

/** Reads and checks the files: versions 1, 2, 3, ... with no gap and no duplicate. */
export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  const found: Migration[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const m = FILE.exec(file);
    if (!m) throw new Error(`Migration file ${file} must be named NNN_lower_snake_case.sql`);
    found.push(migration(Number(m[1]), m[2]!, fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  return checkNumbering(found);
}

const fileName = (m: Pick<Migration, 'version' | 'name'>) => `${String(m.version).padStart(3, '0')}_${m.name}.sql`;

function checkNumbering(migrations: Migration[]): Migration[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `Migrations must be numbered 001, 002, ... without gaps or repeats; found ${fileName(m)} at position ${i + 1}`,
      );
  });
  return migrations;
}

export type MigrateResult = { applied: number[]; version: number };

// Two int4 keys: one for "Scale Lab migrations", one for the schema, so test schemas in one
// database (and two deployments sharing a server in different schemas) do not wait on each other.
const LOCK = `SELECT pg_advisory_lock(hashtext('scale-lab:migrations'), hashtext(current_schema()))`;
const UNLOCK = `SELECT pg_advisory_unlock(hashtext('scale-lab:migrations'), hashtext(current_schema()))`;

export async function migrate(pool: pg.Pool, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  checkNumbering(migrations);
  const client = await pool.connect();
  let broken = false;
  try {
    // A session lock, held across the per-migration transactions and released in finally (or by
    // the server if this node dies mid-way, since the session ends with it).
    await client.query(LOCK);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query(UNLOCK).catch(() => (broken = true));
    }
  } catch (err) {
    broken ||= !(err instanceof MigrationError);
    throw err;
  } finally {
    client.release(broken);
  }
}

export class MigrationError extends Error {}

async function applyPending(client: pg.PoolClient, migrations: Migration[]): Promise<MigrateResult> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of rows) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `The database is at migration ${row.version} (${row.name}) but this build only knows up to ${migrations.length}: run the newer Scale Lab, or restore a backup.`,
      );
    }
    if (m.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${fileName(m)} changed after it was applied; add a new migration instead of editing an applied one.`,
      );
    }
  }
  const done = new Set(rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      await client.query('BEGIN');
      // No parameters: the simple query protocol, which runs a file of several statements.
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw new MigrationError(`Migration ${fileName(m)} failed and was rolled back: ${(err as Error).message}`);
    }
    applied.push(m.version);
  }
  return { applied, version: migrations.length };
}
