import type { Cluster } from '../cluster';
import { openCluster, readClusterConfig } from '../cluster';
import { singleton } from '../globals';
import { appRuntime, type AppRuntime } from '../runtime';
import type { Repository } from '../store/repository';
import { sqliteRepository } from '../store/sqlite-repository';
import { nodeStatsReporter } from './node-stats';

/**
 * The main thread's control-state store and cluster handle, opened once per process.
 * Embedded (no SCALE_LAB_DATABASE_URL): app.db through the SQLite adapter and in-process cluster
 * primitives, nothing else to install. Cluster mode: PostgreSQL for both, migrated at open.
 * Callers hold a Promise so the first request waits for the open instead of racing it.
 */
export type AppStore = { repo: Repository; cluster: Cluster };

export function appStore(): Promise<AppStore> {
  return singleton('app-store', () => openAppStore());
}

async function openAppStore(): Promise<AppStore> {
  const { appDb } = appRuntime();
  const config = readClusterConfig();
  const cluster = await openCluster(config, {
    stats: nodeStatsReporter(),
  });
  if (config.mode === 'embedded' || !config.databaseUrl)
    return { repo: sqliteRepository(appDb, { nodeId: config.nodeId }), cluster };
  const [{ createPgPool }, { migrate }, { pgRepository }] = await Promise.all([
    import('../store/pg/connect'),
    import('../store/pg/migrate'),
    import('../store/pg/repository'),
  ]);
  const pool = createPgPool(config.databaseUrl, { applicationName: `scale-lab ${config.nodeId} store` });
  await migrate(pool);
  return { repo: pgRepository({ pool, nodeId: config.nodeId, ownsPool: true }), cluster };
}

/** Shorthand for the common case. */
export async function appRepo(): Promise<Repository> {
  return (await appStore()).repo;
}

/** The runtime with the repository: what route handlers hand to the control and lesson services. */
export type AppContext = AppRuntime & { repo: Repository };

export async function appContext(): Promise<AppContext> {
  const { repo } = await appStore();
  return { ...appRuntime(), repo };
}
