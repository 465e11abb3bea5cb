import type { Db } from '../../db/open';
import type { ReplicaPort } from '../ports';
import type { Stage } from '../stage';
import { clientKey } from './rate-limit';
import { timed } from './timed';

/**
 * Picks the database a request runs on. With the replica knob off it is the primary and
 * nothing is added; with it on, every response says which copy served it and how far
 * behind that copy was (X-Served-By, X-Replica-Lag-Ms, X-Replica-Route).
 */
export function replicaStage(replicas: ReplicaPort | undefined, sandboxDb: (sandboxId: string) => Db): Stage {
  return {
    name: 'replica',
    run(ctx) {
      const { sandbox, sandboxId, learnerId } = ctx;
      if (!sandbox || sandboxId === null || learnerId === null) return undefined;
      const primary = sandboxDb(sandboxId);
      const settings = sandbox.settings.replica;
      if (!replicas || !settings.enabled) {
        ctx.db = { db: primary };
        return undefined;
      }
      const t0 = performance.now();
      // Read-your-writes is per client: the X-Client-Id header (as the load generator sends), else the learner.
      const client = clientKey(ctx.req, learnerId);
      if (!client.ok) return client.response;
      const r = replicas.route(sandboxId, settings, primary, { method: ctx.req.method, clientKey: client.key });
      ctx.db = r.onWrite ? { db: r.db, onWrite: r.onWrite } : { db: r.db };
      ctx.headers['x-served-by'] = r.servedBy;
      ctx.headers['x-replica-lag-ms'] = String(Math.round(r.lagMs));
      ctx.headers['x-replica-route'] = r.reason;
      timed(ctx, 'replica', t0, r.servedBy);
      return undefined;
    },
  };
}
