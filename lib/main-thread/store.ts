import type { Cluster } from '../cluster';
import { openCluster, readClusterConfig } from '../cluster';
import { createSandboxAdopter, type SandboxAdopter } from '../control/adopt-sandbox';
import { singleton } from '../globals';
import { getLabHost } from '../lab-server/host';
import { tokenFromHeaders, verifyToken } from '../learners/identity';
import { appRuntime, type AppRuntime } from '../runtime';
import type { Repository } from '../store/repository';
import { sqliteRepository } from '../store/sqlite-repository';
import { LOST_REASON, nodeStats, sweepDeadNodes } from './node-duties';
import { peekRunManager } from './run-manager';
import { findSandbox } from '../db/app-db';
import { problem } from '../api/problem';
import { toFetchResponse } from '../api/fetch-adapter';
import { LabUnavailableError } from '../workers/lab-unavailable';

/**
 * The main thread's control-state store and cluster handle, opened once per process.
 * Embedded (no SCALE_LAB_DATABASE_URL): app.db through the SQLite adapter and in-process cluster
 * primitives, nothing else to install. Cluster mode: PostgreSQL for both, migrated at open;
 * app.db becomes this node's cache of the learners it serves (lib/store/node-cache.ts), filled
 * when a learner arrives from another node (lib/control/adopt-sandbox.ts).
 * Callers hold a Promise so the first request waits for the open instead of racing it.
 */
export type AppStore = { repo: Repository; cluster: Cluster; adopter?: SandboxAdopter };

export function appStore(): Promise<AppStore> {
  return singleton('app-store', () => openAppStore());
}

async function openAppStore(): Promise<AppStore> {
  const rt = appRuntime();
  const config = readClusterConfig();
  const cluster = await openCluster(config, {
    stats: nodeStats(rt.config.dataDir),
    // Cut off from the others for the dead limit: they count this node dead and fail its runs.
    onLost: () => peekRunManager()?.stopAll(LOST_REASON),
  });
  if (config.mode === 'embedded' || !config.databaseUrl)
    return { repo: sqliteRepository(rt.appDb, { nodeId: config.nodeId }), cluster };
  const [{ createPgPool }, { migrate }, { pgRepository }, { withNodeCache }] = await Promise.all([
    import('../store/pg/connect'),
    import('../store/pg/migrate'),
    import('../store/pg/repository'),
    import('../store/node-cache'),
  ]);
  const pool = createPgPool(config.databaseUrl, { applicationName: `scale-lab ${config.nodeId} store` });
  await migrate(pool);
  const repo = withNodeCache(pgRepository({ pool, nodeId: config.nodeId, ownsPool: true }), rt.appDb);
  const adopter = createSandboxAdopter({
    appDb: rt.appDb,
    dataDir: rt.config.dataDir,
    repo,
    nodeId: config.nodeId,
    lab: getLabHost,
    alive: async (id) => (await cluster.nodes.list()).some((n) => n.id === id && n.alive),
  });
  sweepDeadNodes(cluster, repo, config.heartbeatMs, config.deadAfterMs);
  return { repo, cluster, adopter };
}

/**
 * Idle cleanup removed this node's file of the sandbox (lib/workshop/cleanup.ts): recorded like a
 * reset (its indexes forgotten), but only while this node holds it. A node's leftover copy of a
 * learner who moved on is removed too, and the holder's records are theirs, not this node's.
 */
export async function forgetRemovedSandbox(sandboxId: string, at: Date): Promise<void> {
  const { repo, cluster } = await appStore();
  const holder = await repo.sandboxes.holder(sandboxId);
  if (holder === null || holder === cluster.nodeId) await repo.sandboxes.markReset(sandboxId, at);
}

/** Shorthand for the common case. */
export async function appRepo(): Promise<Repository> {
  return (await appStore()).repo;
}

/** The runtime with the repository: what route handlers hand to the control and lesson services. */
export type AppContext = AppRuntime & { repo: Repository; adopt?: SandboxAdopter['adopt'] };

export async function appContext(): Promise<AppContext> {
  const { repo, adopter } = await appStore();
  return { ...appRuntime(), repo, ...(adopter ? { adopt: adopter.adopt } : {}) };
}

/**
 * Before the front door forwards a Shop API request: in cluster mode, take the caller's sandbox
 * over if this node does not hold it yet (the lab server only knows this node's app.db). A
 * token that does not verify is left for the lab server to refuse, as always. Reads (GET, HEAD,
 * OPTIONS) trust a recent check and cost nothing then; anything else asks PostgreSQL who holds
 * the sandbox (one primary-key read, TRUST_MS in lib/control/adopt-sandbox.ts). The learner's
 * record comes from this node's app.db when it has one (its id, learner and creation never
 * change), so only a learner new to this node costs a second read. A sandbox that cannot be
 * taken over now is answered 503 + Retry-After here: forwarded, this node's lab server would
 * refuse the token (401) or serve an old copy.
 */
export async function adoptForRequest(headers: Headers, method = 'GET'): Promise<Response | undefined> {
  // The embedded default holds every sandbox: nothing to check, not even a token.
  if (!process.env.SCALE_LAB_DATABASE_URL) return;
  const token = tokenFromHeaders(headers.get('authorization'), headers.get('cookie'));
  if (!token) return;
  const { repo, adopter } = await appStore();
  if (!adopter) return;
  const rt = appRuntime();
  const v = await verifyToken(token, rt.secret);
  const read = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  if (!v.ok || (read && adopter.holds(v.claims.sandboxId))) return;
  try {
    const record = findSandbox(rt.appDb, v.claims.sandboxId) ?? (await repo.sandboxes.find(v.claims.sandboxId));
    if (record && record.learnerId === v.claims.learnerId) await adopter.adopt(record);
  } catch (err) {
    if (!LabUnavailableError.is(err)) {
      // The store did not answer: the lab server answers for itself (401 or its own copy), as before.
      console.warn('[cluster] could not check the sandbox before a Shop API request:', err);
      return;
    }
    return toFetchResponse(
      problem('lab-unavailable', `Your sandbox is not ready on this server yet (${err.message}); try again shortly.`, {
        headers: { 'retry-after': '2' },
      }),
    );
  }
}
