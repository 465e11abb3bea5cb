import type { ClusterSignal } from '../cluster';
import { appRuntime } from '../runtime';
import {
  readWorkshop,
  setBroadcast,
  setCaps,
  setPaused,
  setProjector,
  type Broadcast,
  type LoadCaps,
  type ProjectorSelection,
  type WorkshopState,
} from '../workshop/state';
import { roster, type LocalRun, type RosterEntry } from '../workshop/roster';
import { peekRunManager } from './run-manager';
import { STOP_ALL_REASON } from './room-signals';
import { peerAddress, peerRuns } from './room-forward';
import type { RunRecord } from '../runs/schema';
import { appStore } from './store';

/**
 * The instructor's room across every node. Each action writes the room's state through the
 * repository first (the truth a node that starts later, or missed a signal, reads) and then
 * publishes a cluster signal, so every node acts at once: in the embedded default over the
 * in-process bus, in cluster mode over PostgreSQL LISTEN/NOTIFY with polling as the fallback.
 * The node that published hears its own signal like the others: one code path.
 */

export async function roomState(): Promise<WorkshopState> {
  const { repo } = await appStore();
  return readWorkshop(repo.workshop, appRuntime().secret);
}

async function act(write: (s: Awaited<ReturnType<typeof appStore>>) => Promise<void>, signal: ClusterSignal) {
  const store = await appStore();
  await write(store);
  await store.cluster.signals.publish(signal);
}

export const pauseRoom = () => act((s) => setPaused(s.repo.workshop, true), { type: 'pause' });
export const resumeRoom = () => act((s) => setPaused(s.repo.workshop, false), { type: 'resume' });
export const stopAllRuns = () => act(async () => {}, { type: 'stop-all', reason: STOP_ALL_REASON });
export const setRoomCaps = (caps: LoadCaps) => act((s) => setCaps(s.repo.workshop, caps), { type: 'caps', caps });
export const broadcastToRoom = (b: Broadcast | null) =>
  act((s) => setBroadcast(s.repo.workshop, b), { type: 'broadcast', broadcast: b });
export const showOnProjector = (p: ProjectorSelection | null) =>
  act((s) => setProjector(s.repo.workshop, p), {
    type: 'projector',
    runId: p?.runId ?? null,
    nodeId: p?.nodeId ?? null,
    ...(p?.learnerId ? { learnerId: p.learnerId } : {}),
  });

/** The live runs this node holds, with their numbers: what the other nodes' dashboards ask for. */
export function localRuns(): LocalRun[] {
  return (peekRunManager()?.activeRuns() ?? []).map(({ runId, learnerId, rate, seconds, lastP95 }) => ({
    runId,
    learnerId,
    rate,
    seconds,
    lastP95,
  }));
}

/**
 * Every learner on every node, from the shared store (app.db alone in the embedded default),
 * with this node's runs in full and the room's other runs from their budget reservations,
 * completed with the live numbers (p95) their nodes report when the instructor's request is
 * passed to them (`request`; without it, or from a node that does not answer, rate and age only).
 */
export async function roomRoster(request?: Request): Promise<RosterEntry[]> {
  const { repo, cluster } = await appStore();
  const [learners, roomRuns] = await Promise.all([repo.learners.list(), cluster.budget.live()]);
  const [progress, remoteRuns] = await Promise.all([
    Promise.all(learners.map(async (l) => [l.id, await repo.progress.list(l.id)] as const)).then((e) => new Map(e)),
    request && roomRuns.some((r) => r.nodeId !== cluster.nodeId) ? peerRuns(request) : [],
  ]);
  return roster({
    learners,
    progress,
    localRuns: localRuns(),
    roomRuns,
    remoteRuns,
    nodeId: cluster.nodeId,
    dataDir: appRuntime().config.dataDir,
  });
}

/** The nodes in the room as the registry knows them, for the dashboard. */
export async function roomNodes() {
  const { cluster } = await appStore();
  const [nodes, live] = await Promise.all([cluster.nodes.list(), cluster.budget.live()]);
  return {
    mode: cluster.mode,
    self: cluster.nodeId,
    nodes: nodes.map((n) => ({
      id: n.id,
      address: n.address,
      alive: n.alive,
      heartbeatAgeMs: n.heartbeatAgeMs,
      cpuPct: n.cpuPct,
      sandboxes: n.sandboxes,
      diskBytes: n.diskBytes,
      runs: live.filter((r) => r.nodeId === n.id).length,
      rate: live.filter((r) => r.nodeId === n.id).reduce((s, r) => s + r.rate, 0),
    })),
    runs: live.length,
    rate: live.reduce((s, r) => s + r.rate, 0),
  };
}

/** Where a live run is anywhere in the room (every run holds a reservation) and whose it is, or null. */
export async function liveRun(runId: string): Promise<{ nodeId: string; learnerId: string } | null> {
  const { cluster } = await appStore();
  const r = (await cluster.budget.live()).find((x) => x.runId === runId);
  return r ? { nodeId: r.nodeId, learnerId: r.learnerId } : null;
}

/**
 * The stored record of the run on the projector once it has ended (from the shared store, so
 * any node has it): a projector reloaded after the run shows its result, not an error.
 */
export async function projectedRunRecord(runId: string): Promise<RunRecord | undefined> {
  const { projector } = await roomState();
  if (projector?.runId !== runId || !projector.learnerId) return undefined;
  return (await appStore()).repo.runs.get(projector.learnerId, runId);
}

/**
 * Where a run held by another node can be watched: that node's registered address, found
 * through the run's reservation in the room budget. Null when the run is not live anywhere else.
 */
export async function remoteRunAddress(runId: string): Promise<string | null> {
  const { cluster } = await appStore();
  const reservation = (await cluster.budget.live()).find((r) => r.runId === runId);
  return reservation ? peerAddress(reservation.nodeId) : null;
}
