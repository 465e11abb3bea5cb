import type { KnobSettings } from '../knobs/schema';

export type ReplicaSettings = KnobSettings['replica'];
export type ServedBy = 'primary' | 'replica';
/** Why a request went where it went; sent as X-Replica-Route so a learner can see the rule that fired. */
export type RouteReason = 'write' | 'replica-not-ready' | 'own-write-not-replicated' | 'read';

export type RoutingInput = {
  method: string;
  consistency: ReplicaSettings['consistency'];
  replicaReady: boolean;
  /** Log seq of this client's newest write, if the replica may not have it yet. */
  clientLastWrite: number | undefined;
  appliedSeq: number;
};

/**
 * Where one request is served, with the replica switched on. Writes always go to the primary
 * (the only copy that accepts them). Reads go to the replica, except under read-your-writes
 * while the replica has not yet replayed this client's own latest write: then the primary,
 * which has it. Other clients keep reading the replica, so they may still see the old data.
 */
export function chooseServer(i: RoutingInput): { servedBy: ServedBy; reason: RouteReason } {
  if (i.method !== 'GET' && i.method !== 'HEAD') return { servedBy: 'primary', reason: 'write' };
  if (!i.replicaReady) return { servedBy: 'primary', reason: 'replica-not-ready' };
  if (i.consistency === 'read-your-writes' && i.clientLastWrite !== undefined && i.clientLastWrite > i.appliedSeq) {
    return { servedBy: 'primary', reason: 'own-write-not-replicated' };
  }
  return { servedBy: 'replica', reason: 'read' };
}
