import { z } from 'zod';
import { broadcastSchema, capsSchema } from '../workshop/state-schema';

/**
 * The cluster primitives, each a small async interface with two implementations: in-process
 * (the embedded default: one node, nothing to install) and PostgreSQL (cluster mode). Callers
 * never know which one they hold.
 */

// ---- Node registry ---------------------------------------------------------------------------

/** What a node reports with each heartbeat. */
export type NodeStats = {
  /** CPU of the whole node process since its previous heartbeat, in % of one core. */
  cpuPct: number;
  runs: number;
  sandboxes: number;
  diskBytes: number;
};

export type NodeHeartbeat = NodeStats & {
  id: string;
  /** Where nginx and the other nodes reach this node, e.g. http://10.0.0.11:3000. */
  address: string;
};

export type NodeInfo = NodeHeartbeat & {
  startedAt: string;
  heartbeatAt: string;
  /** Age of the last heartbeat by the registry's clock (the database's, in cluster mode). */
  heartbeatAgeMs: number;
  /** Heartbeat younger than the registry's deadAfterMs. */
  alive: boolean;
};

export interface NodeRegistry {
  /** Register at start, like a heartbeat, but startedAt restarts (a node id that restarted is a new process). */
  join(node: NodeHeartbeat): Promise<void>;
  /** Register this node or refresh its heartbeat and stats (an upsert: a node that was reaped comes back). */
  heartbeat(node: NodeHeartbeat): Promise<void>;
  /** Every known node, alive or dead, ordered by id. */
  list(): Promise<NodeInfo[]>;
  /** A clean shutdown: the node and its rate reservations go at once, not after deadAfterMs. */
  leave(id: string): Promise<void>;
}

// ---- Signal bus ------------------------------------------------------------------------------

/** Room-wide events every node must act on. State itself lives in the repository; these say "act now". */
export const clusterSignalSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('stop-all'), reason: z.string().max(500) }),
  z.strictObject({ type: z.literal('caps'), caps: capsSchema }),
  z.strictObject({ type: z.literal('broadcast'), broadcast: broadcastSchema.nullable() }),
  // The projector shows this run (on whichever node holds it), or nothing; whose it is names it on
  // the projector and finds its stored record once it has ended.
  z.strictObject({
    type: z.literal('projector'),
    runId: z.string().nullable(),
    nodeId: z.string().nullable(),
    learnerId: z.string().max(100).optional(),
  }),
]);
export type ClusterSignal = z.infer<typeof clusterSignalSchema>;

export type DeliveredSignal = {
  /** Increases with every signal; each subscriber sees each seq once, in order. */
  seq: number;
  /** The node that published it (its own subscribers receive it too). */
  origin: string;
  at: string;
  signal: ClusterSignal;
};

export interface SignalBus {
  publish(signal: ClusterSignal): Promise<number>;
  /** Signals published after the bus was opened, to every node including the publisher. Returns unsubscribe. */
  subscribe(fn: (s: DeliveredSignal) => void): () => void;
  close(): Promise<void>;
}

// ---- Room rate budget ------------------------------------------------------------------------

export type Reservation = { runId: string; nodeId: string; learnerId: string; rate: number; createdAt: string };

/**
 * How much of what is left a new run gets, given the rates the live runs hold (the runs
 * manager's fair-share rule). The budget clamps it to what is really left, so a policy can
 * never overspend.
 */
export type GrantPolicy = (requested: number, liveRates: number[]) => { granted: number; reason: string | null };

export type ReserveRequest = {
  runId: string;
  nodeId: string;
  learnerId: string;
  /** Requests/s asked for (a spike's peak); 0 for closed-model runs, which still take a run slot. */
  requested: number;
  /** The room's limits in force now (workshop caps, else configuration). */
  totalRate: number;
  maxRuns: number;
  policy?: GrantPolicy;
};

export type ReserveResult =
  | { ok: true; granted: number; reason: string | null }
  | { ok: false; reason: 'learner-busy'; runId: string }
  | { ok: false; reason: 'runs-full'; liveRuns: number }
  | { ok: false; reason: 'budget-full'; usedRate: number };

export interface RateBudget {
  /** Atomic across nodes: the sum of live reservations never exceeds `totalRate`. */
  reserve(req: ReserveRequest): Promise<ReserveResult>;
  /** The run ended. False if it held nothing (already released, or its node was declared dead). */
  release(runId: string): Promise<boolean>;
  /** Drop everything a node holds (it restarted: its runs are gone). Returns how many. */
  releaseNode(nodeId: string): Promise<number>;
  /** Reservations that count: held by nodes whose heartbeat is alive. */
  live(): Promise<Reservation[]>;
}

/** Take whatever is left, up to the request: the default when the caller passes no policy. */
export const takeWhatIsLeft: GrantPolicy = (requested) => ({ granted: requested, reason: null });

export type Cluster = {
  mode: 'embedded' | 'postgres';
  nodeId: string;
  nodes: NodeRegistry;
  signals: SignalBus;
  budget: RateBudget;
  close(): Promise<void>;
};
