import type { Db } from '../db/open';
import type { ApiRequest, ApiResponse } from '../api/types';
import { clientKey } from '../api/stages/rate-limit';
import type { ReplicaManager } from './manager';
import type { ReplicaSettings } from './routing';

export type ReplicaChoice = { db: Db; onWrite?: (sql: string, params: unknown[]) => void; headers: Record<string, string> };

/**
 * The pipeline stage that picks the database a request runs on. With the replica off it is
 * the primary and nothing is added; with it on, every response says which copy served it
 * and how far behind that copy was (X-Served-By, X-Replica-Lag-Ms, X-Replica-Route).
 */
export function chooseDatabase(
  replicas: ReplicaManager | undefined,
  input: { sandboxId: string; settings: ReplicaSettings; primary: Db; req: ApiRequest; learnerId: string },
): { ok: true; choice: ReplicaChoice } | { ok: false; response: ApiResponse } {
  if (!replicas || !input.settings.enabled) return { ok: true, choice: { db: input.primary, headers: {} } };
  // Read-your-writes is per client: the X-Client-Id header (as the load generator sends), else the learner.
  const client = clientKey(input.req, input.learnerId);
  if (!client.ok) return client;
  const r = replicas.route(input.sandboxId, input.settings, input.primary, { method: input.req.method, clientKey: client.key });
  return {
    ok: true,
    choice: {
      db: r.db,
      ...(r.onWrite ? { onWrite: r.onWrite } : {}),
      headers: { 'x-served-by': r.servedBy, 'x-replica-lag-ms': String(Math.round(r.lagMs)), 'x-replica-route': r.reason },
    },
  };
}
