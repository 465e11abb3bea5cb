import { afterAll, describe, expect, it, vi } from 'vitest';
import { pgTestSchema } from '../testing/test-pg';
import { pgClientConfig } from '../store/pg/connect';
import { migrate } from '../store/pg/migrate';
import { describeClusterContract } from './contract';
import { openCluster } from './index';
import { pgRateBudget } from './pg-budget';
import { pgNodeRegistry } from './pg-nodes';
import { openPgSignalBus, type PgSignalBusOptions } from './pg-signals';
import type { DeliveredSignal, SignalBus } from './types';

const db = await pgTestSchema('cluster');
const opened: SignalBus[] = [];
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
  await db?.drop();
});
// Connections are a shared resource (max_connections is 100 here, and other test files run at
// the same time): the simulated nodes share pools; each bus still has its own LISTEN connection.
// Heartbeats get their own pool, as in openCluster: reservations queueing for the budget lock
// must not starve them.
const shared = db
  ? { nodes: db.pool({ max: 6 }), beats: db.pool({ max: 2 }), buses: db.pool({ max: 4 }), admin: db.pool({ max: 1 }) }
  : null;

async function bus(nodeId: string, opts: Partial<PgSignalBusOptions> = {}) {
  // Quiet by default: every bus in this file would otherwise log the unknown signal below.
  const b = await openPgSignalBus({
    pool: shared!.buses,
    nodeId,
    listen: pgClientConfig(db!.url, { schema: db!.schema }),
    log: () => {},
    ...opts,
  });
  opened.push(b);
  return b;
}

/** Resolves with the time from publish to delivery on `to`. */
async function deliveryMs(from: SignalBus, to: SignalBus): Promise<number> {
  const got = new Promise<number>((resolve) => {
    const off = to.subscribe(() => (off(), resolve(performance.now())));
  });
  const t0 = performance.now();
  await from.publish({ type: 'resume' });
  return (await got) - t0;
}

describe.skipIf(!db)('cluster primitives on PostgreSQL', () => {
  if (db)
    describeClusterContract('PostgreSQL', async () => {
      await migrate(shared!.admin);
      // Long enough that a loaded machine (other test files run alongside) does not kill a node
      // between two steps of a test; the dead-node tests wait for it.
      const deadAfterMs = 2_500;
      return {
        deadAfterMs,
        async node(id) {
          const pool = shared!.nodes;
          // Its own bus (own cursor, own LISTEN connection), only for the signal tests' sig-… nodes.
          const signals = id.startsWith('sig-') ? await bus(id) : null;
          return {
            nodes: pgNodeRegistry(shared!.beats, { deadAfterMs }),
            budget: pgRateBudget(pool, { deadAfterMs }),
            get signals(): SignalBus {
              if (!signals) throw new Error(`node ${id} has no signal bus: only sig-… nodes get one`);
              return signals;
            },
          };
        },
        close: async () => {},
      };
    });

  it('delivers by NOTIFY well inside 2 s, even when the poll would take 10 s', async () => {
    const [a, b] = [await bus('notify-a', { pollMs: 10_000 }), await bus('notify-b', { pollMs: 10_000 })];
    expect(await deliveryMs(a, b)).toBeLessThan(2_000);
  });

  it('delivers by polling alone within 2 s when LISTEN is unavailable', async () => {
    const [a, b] = [await bus('poll-a', { listen: null }), await bus('poll-b', { listen: null, pollMs: 1_000 })];
    expect(await deliveryMs(a, b)).toBeLessThan(2_000);
  });

  it('comes back after its LISTEN connection is killed', async () => {
    const logs: string[] = [];
    // Named after this file's schema: other test runs on the same server have listeners too.
    const name = `killed ${db!.schema}`;
    const listen = pgClientConfig(db!.url, { schema: db!.schema, applicationName: name });
    const [a, b] = [await bus('kill-a'), await bus('kill-b', { pollMs: 10_000, listen, log: (m) => logs.push(m) })];
    const admin = shared!.admin;
    const killed = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [name],
    );
    expect(killed.rowCount).toBe(1);
    // It reconnects and LISTENs again; then NOTIFY wakes it long before its 10 s poll.
    await vi.waitFor(
      async () => {
        const { rows } = await admin.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [name],
        );
        expect(rows[0].n).toBe(1);
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(await deliveryMs(a, b)).toBeLessThan(2_000);
  });

  it('skips a signal this version does not understand and keeps delivering', async () => {
    const logs: string[] = [];
    const b = await bus('future-b', { log: (m) => logs.push(m) });
    const got: DeliveredSignal[] = [];
    b.subscribe((d) => got.push(d));
    await shared!.admin.query(
      `INSERT INTO cluster_signals (origin, kind, payload) VALUES ('newer-node', 'teleport', '{"type":"teleport"}')`,
    );
    await b.publish({ type: 'projector', runId: 'run_1', nodeId: 'future-b' });
    await vi.waitFor(() => expect(got.map((d) => d.signal.type)).toEqual(['projector']), {
      timeout: 2_000,
      interval: 20,
    });
    expect(logs.some((m) => /skipped signal \d+ from newer-node/.test(m))).toBe(true);
  });
});

describe.skipIf(!db)('openCluster', () => {
  it('embedded without a database URL, PostgreSQL with one: migrated, registered, heart-beating, gone on close', async () => {
    const base = {
      nodeId: 'open-1',
      nodeAddress: 'http://127.0.0.1:3301',
      heartbeatMs: 100,
      deadAfterMs: 1_000,
      signalPollMs: 1_000,
    };
    const stats = () => ({ cpuPct: 1, runs: 2, sandboxes: 3, diskBytes: 4 });
    const embedded = await openCluster({ ...base, mode: 'embedded', databaseUrl: null }, { stats });
    expect(embedded.mode).toBe('embedded');
    expect((await embedded.nodes.list()).map((n) => n.id)).toEqual(['open-1']);
    await embedded.close();

    const schema = await db!.freshSchema();
    const cluster = await openCluster({ ...base, mode: 'postgres', databaseUrl: db!.url }, { stats, schema });
    expect(cluster.mode).toBe('postgres');
    const first = (await cluster.nodes.list())[0]!;
    expect(first).toMatchObject({ id: 'open-1', address: 'http://127.0.0.1:3301', runs: 2, alive: true });
    await vi.waitFor(async () => expect((await cluster.nodes.list())[0]!.heartbeatAt > first.heartbeatAt).toBe(true), {
      timeout: 2_000,
      interval: 50,
    });
    expect(
      await cluster.budget.reserve({
        runId: 'r1',
        nodeId: 'open-1',
        learnerId: 'l1',
        requested: 10,
        totalRate: 100,
        maxRuns: 2,
      }),
    ).toMatchObject({ ok: true });
    await cluster.close();
    const check = db!.pool({ schema, max: 1 });
    expect((await check.query('SELECT count(*)::int AS n FROM cluster_nodes')).rows[0].n).toBe(0);
    expect((await check.query('SELECT count(*)::int AS n FROM rate_reservations')).rows[0].n).toBe(0);
  });
});
