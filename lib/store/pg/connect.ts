import os from 'node:os';
import pg from 'pg';

/**
 * The only place that builds node-postgres connections. Cluster mode keeps what must survive a
 * node in PostgreSQL; the embedded default never imports this module.
 */

// libpq connects as the OS user when a URL names none; node-postgres reads $USER instead, which
// is unset under some service managers and containers ("no PostgreSQL user name specified").
// Match libpq so `postgres://localhost/test` means the same to psql and to us.
pg.defaults.user ??= process.env.PGUSER || os.userInfo().username;

export type PgOptions = {
  /** Tables live in this schema (search_path); tests use a fresh one per file. */
  schema?: string;
  /** Most connections this pool opens. A node needs few: control traffic is small. */
  max?: number;
  /** Shown in pg_stat_activity, so a DBA can tell the nodes apart. */
  applicationName?: string;
  connectTimeoutMs?: number;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** One config for pools and for the dedicated LISTEN client, so both see the same schema. */
export function pgClientConfig(url: string, opts: PgOptions = {}): pg.ClientConfig {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new Error(`Invalid PostgreSQL schema name: ${opts.schema}`);
  return {
    connectionString: url,
    application_name: opts.applicationName ?? 'scale-lab',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    // A startup option rather than a SET after connect: every pooled connection gets it, even
    // one the pool opens later to replace a broken one.
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  };
}

export function createPgPool(url: string, opts: PgOptions = {}): pg.Pool {
  const pool = new pg.Pool({ ...pgClientConfig(url, opts), max: opts.max ?? 5 });
  // An idle client losing its connection (database restart) must not crash the node: the pool
  // drops it and the next query opens a fresh one.
  pool.on('error', (err) =>
    console.warn(`Scale Lab: PostgreSQL connection lost (${err.message}); reconnecting on next use.`),
  );
  return pool;
}

/** A single connection outside any pool: the signal bus's LISTEN, a reachability probe. */
export function createPgClient(config: pg.ClientConfig): pg.Client {
  return new pg.Client(config);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Runs `fn` in one transaction on one connection; rolls back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}
