import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createPgClient, createPgPool, redactUrl, type PgOptions } from '../store/pg/connect';

/**
 * A fresh PostgreSQL schema per test file, so test files (and helpers working in parallel on
 * one database) never see each other's rows, locks or migrations.
 *
 *   const db = await pgTestSchema('signals');        // top level of the test file
 *   describe.skipIf(!db)(...)                         // skipped locally without PostgreSQL
 *   afterAll(() => db?.drop());
 *
 * Without a reachable server the file is skipped with a message, except where the cluster
 * tests are required (SCALE_LAB_REQUIRE_CLUSTER=1, set by CI): there it fails.
 */
export const TEST_DATABASE_URL = process.env.SCALE_LAB_TEST_DATABASE_URL || 'postgres://localhost/test';

export type PgTestSchema = {
  url: string;
  schema: string;
  /** `url` with this schema as the search_path: what a node's SCALE_LAB_DATABASE_URL gets. */
  schemaUrl: () => string;
  /** A new pool on this file's schema, or on `opts.schema` (one per simulated node); drop() closes all. */
  pool: (opts?: PgOptions) => pg.Pool;
  /** Another empty schema, for a test that needs a clean slate; dropped by drop(). */
  freshSchema: () => Promise<string>;
  drop: () => Promise<void>;
};

export const clusterTestsRequired = () => process.env.SCALE_LAB_REQUIRE_CLUSTER === '1';

/** Skip with a clear message, or throw where cluster tests are required. */
export function missingClusterDependency(what: string, reason: string, howToFix: string): void {
  const msg = `${what} unavailable (${reason}). ${howToFix}`;
  if (clusterTestsRequired()) throw new Error(`${msg} Cluster tests are required here (SCALE_LAB_REQUIRE_CLUSTER=1).`);
  console.warn(`SKIPPED cluster tests: ${msg} They are required in CI.`);
}

let reachable: Promise<string | null> | undefined;

/** null when the server answers, else why not. Probed once per test file. */
function probe(url: string): Promise<string | null> {
  reachable ??= (async () => {
    const client = createPgClient({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (err) {
      return (err as Error).message || String(err);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export async function pgTestSchema(label: string, url: string = TEST_DATABASE_URL): Promise<PgTestSchema | null> {
  const why = await probe(url);
  if (why !== null) {
    missingClusterDependency(
      `PostgreSQL at ${redactUrl(url)}`,
      why,
      'Start PostgreSQL or point SCALE_LAB_TEST_DATABASE_URL at one (trust auth, a database you may create schemas in).',
    );
    return null;
  }
  const prefix = `test_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30)}_${randomBytes(5).toString('hex')}`;
  const admin = createPgPool(url, { max: 1 });
  const schemas: string[] = [];
  const create = async (name: string) => {
    await admin.query(`CREATE SCHEMA ${name}`);
    schemas.push(name);
    return name;
  };
  const schema = await create(prefix);
  const pools: pg.Pool[] = [];
  return {
    url,
    schema,
    schemaUrl() {
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return u.toString();
    },
    pool(opts = {}) {
      const p = createPgPool(url, { schema, ...opts });
      pools.push(p);
      return p;
    },
    freshSchema: () => create(`${prefix}_${schemas.length}`),
    async drop() {
      await Promise.all(pools.map((p) => p.end().catch(() => {})));
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await admin.end();
    },
  };
}
