import type { ClusterSignal, SignalBus } from '../cluster';

export const PAUSE_REASON = 'Your instructor paused load for the room.';
export const STOP_ALL_REASON = 'Your instructor stopped all load.';

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
