import type { ClusterSignal, SignalBus } from '../cluster';
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
import { appStore } from './store';

/**
 * The instructor's room across every node. Each action writes the room's state through the
 * repository first (the truth a node that starts later, or missed a signal, reads) and then
 * publishes a cluster signal, so every node acts at once: in the embedded default over the
 * in-process bus, in cluster mode over PostgreSQL LISTEN/NOTIFY with polling as the fallback.
 * The node that published hears its own signal like the others: one code path.
 */
export const PAUSE_REASON = 'Your instructor paused load for the room.';
export const STOP_ALL_REASON = 'Your instructor stopped all load.';

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
  });

/** What a node does with its runs when the room says so. */
export type RoomRuns = { setPaused(paused: boolean, why: string): void; stopAll(why: string): void };

/**
 * One node's reaction to a room signal. Pause and stop-all stop this node's runs now; caps
 * take effect at the next start (it reads them from the room's state); broadcasts and the
 * projector's choice are read from the room's state by the pages that show them.
 */
export function applyRoomSignal(signal: ClusterSignal, runs: RoomRuns): void {
  if (signal.type === 'pause') runs.setPaused(true, PAUSE_REASON);
  else if (signal.type === 'resume') runs.setPaused(false, '');
  else if (signal.type === 'stop-all') runs.stopAll(signal.reason);
}

export function followRoomSignals(signals: SignalBus, runs: RoomRuns): () => void {
  return signals.subscribe((d) => applyRoomSignal(d.signal, runs));
}
