import { decideReservation } from './budget-rule';
import { deliverSignal, warnSignals } from './deliver';
import {
  clusterSignalSchema,
  type ClusterSignal,
  type DeliveredSignal,
  type NodeHeartbeat,
  type NodeInfo,
  type NodeRegistry,
  type RateBudget,
  type Reservation,
  type SignalBus,
} from './types';

/**
 * In-process implementations for the embedded default: one process, so "the cluster" is this
 * node and shared state is a Map. They keep the same contract as the PostgreSQL ones (the same
 * test suite runs against both), so the code above them has one path.
 */
type Clock = () => number;

export function memoryNodeRegistry(opts: {
  deadAfterMs: number;
  now?: Clock;
}): NodeRegistry & { isAlive(id: string): boolean } {
  const now = opts.now ?? Date.now;
  const nodes = new Map<string, { hb: NodeHeartbeat; startedAt: number; heartbeatAt: number }>();
  const info = (n: { hb: NodeHeartbeat; startedAt: number; heartbeatAt: number }): NodeInfo => {
    const age = now() - n.heartbeatAt;
    return {
      ...n.hb,
      startedAt: new Date(n.startedAt).toISOString(),
      heartbeatAt: new Date(n.heartbeatAt).toISOString(),
      heartbeatAgeMs: age,
      alive: age < opts.deadAfterMs,
    };
  };
  return {
    async join(hb) {
      nodes.set(hb.id, { hb: { ...hb }, startedAt: now(), heartbeatAt: now() });
    },
    async heartbeat(hb) {
      const prev = nodes.get(hb.id);
      nodes.set(hb.id, { hb: { ...hb }, startedAt: prev?.startedAt ?? now(), heartbeatAt: now() });
    },
    async list() {
      return [...nodes.values()].map(info).sort((a, b) => a.id.localeCompare(b.id));
    },
    // Its reservations go with it: a budget drops reservations of nodes that are not alive.
    async leave(id) {
      nodes.delete(id);
    },
    isAlive(id) {
      const n = nodes.get(id);
      return n !== undefined && now() - n.heartbeatAt < opts.deadAfterMs;
    },
  };
}

/** Every bus opened on the same hub hears every publish, as nodes sharing one database would. */
export function memorySignalHub() {
  const buses = new Set<(d: DeliveredSignal) => void>();
  let seq = 0;
  return {
    open(nodeId: string): SignalBus {
      const subscribers = new Set<(d: DeliveredSignal) => void>();
      const deliver = (d: DeliveredSignal) => deliverSignal(subscribers, d, warnSignals);
      buses.add(deliver);
      return {
        async publish(signal: ClusterSignal) {
          const parsed = clusterSignalSchema.parse(signal);
          const d: DeliveredSignal = { seq: ++seq, origin: nodeId, at: new Date().toISOString(), signal: parsed };
          // Asynchronously, like the database bus: a subscriber never runs inside publish().
          for (const bus of buses) queueMicrotask(() => bus(d));
          return d.seq;
        },
        subscribe(fn) {
          subscribers.add(fn);
          return () => subscribers.delete(fn);
        },
        async close() {
          buses.delete(deliver);
          subscribers.clear();
        },
      };
    },
  };
}

export function memoryRateBudget(nodes: { isAlive(id: string): boolean }): RateBudget {
  const held = new Map<string, Reservation>();
  const reapDead = () => {
    for (const [id, r] of held) if (!nodes.isAlive(r.nodeId)) held.delete(id);
  };
  return {
    async reserve(req) {
      if (!nodes.isAlive(req.nodeId))
        throw new Error(`Node ${req.nodeId} has no live heartbeat; it cannot reserve load budget.`);
      reapDead();
      const decision = decideReservation(req, [...held.values()]);
      if (decision.ok) {
        held.set(req.runId, {
          runId: req.runId,
          nodeId: req.nodeId,
          learnerId: req.learnerId,
          rate: decision.granted,
          createdAt: new Date().toISOString(),
        });
      }
      return decision;
    },
    async release(runId) {
      reapDead();
      return held.delete(runId);
    },
    async releaseNode(nodeId) {
      let n = 0;
      for (const [id, r] of held) {
        if (r.nodeId !== nodeId) continue;
        held.delete(id);
        n++;
      }
      return n;
    },
    async live() {
      reapDead();
      return [...held.values()];
    },
  };
}
