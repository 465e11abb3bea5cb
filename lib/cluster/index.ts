import type { ClusterConfig } from './config';
import { startHeartbeat } from './heartbeat';
import { memoryNodeRegistry, memoryRateBudget, memorySignalHub } from './memory';
import type { Cluster, NodeStats } from './types';

export { readClusterConfig, type ClusterConfig } from './config';
export { clusterSignalSchema, takeWhatIsLeft } from './types';
export type * from './types';

export type OpenClusterOptions = {
  /** This node's numbers for each heartbeat (runs, sandboxes, disk, CPU). */
  stats: () => NodeStats;
  /** Heartbeats have failed for deadAfterMs: stop this node's runs (their budget was released). */
  onLost?: () => void;
  onRestored?: () => void;
  /** PostgreSQL schema for the tables (tests use a fresh one); default: the server's search_path. */
  schema?: string;
};

/**
 * The one entry point: in-process primitives for the embedded default, PostgreSQL ones when
 * SCALE_LAB_DATABASE_URL is set. Migrates, registers this node, drops reservations a previous
 * run of this node id left behind, starts the heartbeat and opens the signal bus.
 */
export async function openCluster(config: ClusterConfig, opts: OpenClusterOptions): Promise<Cluster> {
  const self = () => ({ id: config.nodeId, address: config.nodeAddress, ...opts.stats() });
  if (config.mode === 'embedded' || !config.databaseUrl) {
    // One process is the whole cluster: while it answers it is alive, however long a busy event
    // loop kept its heartbeat timer waiting (a late timer must never refuse this node's runs).
    const nodes = memoryNodeRegistry({ deadAfterMs: Number.POSITIVE_INFINITY });
    await nodes.join(self());
    const beat = startHeartbeat({ nodes, self, intervalMs: config.heartbeatMs, deadAfterMs: config.deadAfterMs });
    const signals = memorySignalHub().open(config.nodeId);
    return {
      mode: 'embedded',
      nodeId: config.nodeId,
      nodes,
      signals,
      budget: memoryRateBudget(nodes),
      async close() {
        beat.stop();
        await signals.close();
      },
    };
  }
  // Loaded only in cluster mode, so the embedded default never opens a PostgreSQL connection.
  const [{ createPgPool, pgClientConfig }, { migrate }, { pgNodeRegistry }, { pgRateBudget }, { openPgSignalBus }] =
    await Promise.all([
      import('../store/pg/connect'),
      import('../store/pg/migrate'),
      import('./pg-nodes'),
      import('./pg-budget'),
      import('./pg-signals'),
    ]);
  const applicationName = `scale-lab ${config.nodeId}`;
  const pool = createPgPool(config.databaseUrl, { applicationName, schema: opts.schema });
  // The heartbeat has a connection of its own: a pool busy with reservations waiting on the
  // budget lock must never make this node look dead.
  const beatPool = createPgPool(config.databaseUrl, {
    applicationName: `${applicationName} heartbeat`,
    schema: opts.schema,
    max: 1,
  });
  const endPools = () => Promise.all([pool.end(), beatPool.end()]);
  try {
    await migrate(pool);
    const nodes = pgNodeRegistry(beatPool, { deadAfterMs: config.deadAfterMs });
    const budget = pgRateBudget(pool, { deadAfterMs: config.deadAfterMs });
    await nodes.join(self());
    // Same id, new process: whatever it reserved before a crash belongs to runs that are gone.
    await budget.releaseNode(config.nodeId);
    const signals = await openPgSignalBus({
      pool,
      nodeId: config.nodeId,
      pollMs: config.signalPollMs,
      listen: pgClientConfig(config.databaseUrl, { applicationName: `${applicationName} listen`, schema: opts.schema }),
    });
    const beat = startHeartbeat({
      nodes,
      self,
      intervalMs: config.heartbeatMs,
      deadAfterMs: config.deadAfterMs,
      onLost: opts.onLost,
      onRestored: opts.onRestored,
    });
    return {
      mode: 'postgres',
      nodeId: config.nodeId,
      nodes,
      signals,
      budget,
      async close() {
        beat.stop();
        await signals.close();
        await nodes.leave(config.nodeId).catch(() => {});
        await endPools();
      },
    };
  } catch (err) {
    await endPools().catch(() => {});
    throw err;
  }
}
