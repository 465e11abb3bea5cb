import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForTest } from '@/lib/testing/bundle';
import { createTestDataDir } from '@/lib/testing/test-env';
import { startInProcessLabHost } from '@/lib/lab-server/in-process-host';
import { setLabHost, type LabHost } from '@/lib/lab-server/host';
import { createSqlRunnerPool, type SqlRunnerPool } from '@/lib/sql-console/runner-pool';
import { setSqlRunnerPool } from '@/lib/sql-console/service';
import { getSettings } from './helpers/control-requests';

/**
 * POST /api/lab/sql through the real route handler, a real runner process (bundled here the
 * way scripts/build-workers.mjs bundles it) and a real sandbox: queries, refusals, index
 * statements the knob panel sees, and runaway queries killed on time without blocking the API.
 */
let env: ReturnType<typeof createTestDataDir>;
let lab: LabHost;
let pool: SqlRunnerPool;
let runner: Awaited<ReturnType<typeof bundleForTest>> | undefined;
let sql: typeof import('@/app/api/lab/sql/route');
let api: typeof import('@/lib/lab-server/front-door-routes');
let auth: Record<string, string>;

const TIMEOUT_MS = 1000;

beforeAll(async () => {
  env = createTestDataDir();
  Object.assign(process.env, {
    SCALE_LAB_DATA_DIR: env.dataDir,
    SCALE_LAB_SCALE: '0.01',
    SCALE_LAB_SECRET: 's'.repeat(40),
    SCALE_LAB_SQL_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  runner = await bundleForTest('sql-runner', 'lib/sql-console/runner.ts');
  pool = createSqlRunnerPool({ script: runner.file });
  setSqlRunnerPool(pool);
  lab = await startInProcessLabHost({
    dataDir: env.dataDir,
    scale: 0.01,
    secret: new TextEncoder().encode('s'.repeat(40)),
  });
  setLabHost(lab);
  sql = await import('@/app/api/lab/sql/route');
  api = await import('@/lib/lab-server/front-door-routes');
  const sandbox = await import('@/app/api/lab/sandbox/route');
  const claim = await (await sandbox.POST(new Request('http://localhost/api/lab/sandbox', { method: 'POST' }))).json();
  auth = { authorization: `Bearer ${claim.token}` };
});

afterAll(async () => {
  await pool?.stop();
  setSqlRunnerPool(undefined);
  await lab?.stop();
  env?.cleanup();
  runner?.cleanup();
});

const run = (body: unknown, headers: Record<string, string> = auth) =>
  sql.POST(
    new Request('http://localhost/api/lab/sql', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('POST /api/lab/sql', () => {
  it('runs a SELECT on the caller\u2019s sandbox: columns, a page of rows, the count and the time', async () => {
    const res = await run({ sql: 'SELECT id, email FROM users ORDER BY id' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      kind: 'select',
      columns: ['id', 'email'],
      rowCount: 1000,
      truncated: false,
      page: 1,
      pageSize: 50,
    });
    expect(body.rows).toHaveLength(50);
    const page2 = await (await run({ sql: 'SELECT id FROM users ORDER BY id', page: 2 })).json();
    expect(page2.rows[0]).toEqual([51]);
    console.log(`[sql-console] runner fork to ready: ${pool.stats().lastSpawnMs?.toFixed(0)} ms`);
  });

  it('runs EXPLAIN QUERY PLAN', async () => {
    const body = await (await run({ sql: 'EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 7' })).json();
    expect(body.kind).toBe('explain');
    expect(JSON.stringify(body.rows)).toMatch(/SCAN orders/);
  });

  it('refuses writes, ATTACH, PRAGMA and hidden second statements with 422 problem+json naming the reason', async () => {
    for (const [statement, reason] of [
      ['DELETE FROM orders', /Writes to data are refused/],
      ['WITH x AS (SELECT 1) DELETE FROM orders', /writes to data/],
      ["ATTACH '/tmp/x.db' AS x", /ATTACH is refused/],
      ['PRAGMA journal_mode = DELETE', /PRAGMA journal_mode is refused/],
      ['SELECT 1 /* ; */; DROP TABLE orders', /One statement at a time/],
    ] as const) {
      const res = await run({ sql: statement });
      expect(res.status, statement).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = await res.json();
      expect(problem).toMatchObject({ status: 422, sqlError: 'refused', errors: [{ field: 'sql', pointer: '/sql' }] });
      expect(problem.detail).toMatch(reason);
    }
    const count = await (await run({ sql: 'SELECT count(*) FROM orders' })).json();
    expect(count.rows[0][0]).toBe(10_000);
  });

  it('reports SQLite errors in the learner\u2019s SQL as 422 with SQLite\u2019s message', async () => {
    const res = await run({ sql: 'SELECT * FROM order' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ sqlError: 'sqlite', detail: expect.stringMatching(/syntax error/) });
  });

  it('CREATE INDEX and DROP INDEX show up in the knob panel\u2019s settings', async () => {
    const created = await (await run({ sql: 'CREATE INDEX idx_order_user_id ON orders(user_id)' })).json();
    expect(created).toMatchObject({
      kind: 'index',
      index: { name: 'idx_order_user_id', table: 'orders', action: 'created' },
    });
    const knobs = await (await getSettings(auth)).json();
    expect(knobs.indexes[1]).toMatchObject({
      name: 'idx_order_user_id',
      present: true,
      lastBuildMs: expect.any(Number),
    });
    // The lab server's own handle sees the new index: the API's query plan uses it.
    const plan = await (await run({ sql: 'EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 7' })).json();
    expect(JSON.stringify(plan.rows)).toMatch(/USING INDEX idx_order_user_id/);
    await run({ sql: 'DROP INDEX idx_order_user_id' });
    const after = await (await getSettings(auth)).json();
    expect(after.indexes[1].present).toBe(false);
  });

  it('stops a runaway query at its time limit without blocking the API, and the next query runs', async () => {
    for (const runaway of [
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n',
      'SELECT count(*) FROM orders a, orders b, orders c',
    ]) {
      const t0 = performance.now();
      let runawayAnswered = false;
      const pending = run({ sql: runaway }).finally(() => (runawayAnswered = true));
      // Meanwhile the learner's API answers as usual: before the runaway is stopped, not after.
      await new Promise((r) => setTimeout(r, 200));
      const product = await api.GET(new Request('http://localhost/api/v1/products/1', { headers: auth }));
      expect(product.status).toBe(200);
      expect(runawayAnswered).toBe(false);
      const res = await pending;
      const elapsed = performance.now() - t0;
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        sqlError: 'timeout',
        limitMs: TIMEOUT_MS,
        detail: expect.stringMatching(/stopped after 1 s/),
      });
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
      // Stopped, not finished: either query runs for minutes or forever. The bound is loose on
      // purpose (a loaded CI machine took 4.9 s); how fast the kill is belongs to the bench.
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 15_000);
      console.log(
        `[sql-console] runaway answered after ${elapsed.toFixed(0)} ms; SIGKILL to exit ${pool.stats().lastKillMs?.toFixed(1)} ms`,
      );
    }
    const next = await run({ sql: 'SELECT 1 AS ok' });
    expect(await next.json()).toMatchObject({ rows: [[1]] });
    expect(pool.stats().killed).toBe(2);
  });

  it('401 without a token, 415 for a non-JSON body, 422 for a bad page', async () => {
    expect((await run({ sql: 'SELECT 1' }, {})).status).toBe(401);
    const notJson = await sql.POST(
      new Request('http://localhost/api/lab/sql', { method: 'POST', headers: auth, body: 'SELECT 1' }),
    );
    expect(notJson.status).toBe(415);
    const badPage = await run({ sql: 'SELECT 1', page: 0 });
    expect(badPage.status).toBe(422);
    expect((await badPage.json()).errors[0].field).toBe('page');
  });
});
