import type { ClusterSignal } from '../cluster';
import type { Broadcast, LoadCaps, ProjectorSelection, WorkshopState } from '../workshop/state';

/**
 * What a browser is told about the room. Learners see whether load is paused, the caps and the
 * instructor's broadcast; the instructor's projector also sees which run to show. The join code
 * is not in it: it is not news, and a learner's page has no use for it.
 */
export type RoomView = {
  paused: boolean;
  caps: LoadCaps | null;
  broadcast: Broadcast | null;
  projector?: ProjectorSelection | null;
};

export function roomView(state: WorkshopState, withProjector: boolean): RoomView {
  const view: RoomView = { paused: state.paused, caps: state.caps, broadcast: state.broadcast };
  return withProjector ? { ...view, projector: state.projector } : view;
}

/**
 * The view after a cluster signal, or null when the signal changes nothing this view shows
 * (stop-all ends runs but is not state; a learner's view has no projector). Each signal carries
 * the whole new value of what it is about, so applying one twice, or one the snapshot already
 * holds, is harmless: a stream can subscribe before it reads the snapshot and lose nothing.
 */
export function applyToView(view: RoomView, signal: ClusterSignal): RoomView | null {
  switch (signal.type) {
    case 'pause':
    case 'resume':
      return { ...view, paused: signal.type === 'pause' };
    case 'caps':
      return { ...view, caps: signal.caps };
    case 'broadcast':
      return { ...view, broadcast: signal.broadcast };
    case 'projector': {
      if (!('projector' in view)) return null;
      // Whose run it is rides along: the projector names the learner, as the stored choice does.
      if (!signal.runId) return { ...view, projector: null };
      const { runId, nodeId, learnerId } = signal;
      return { ...view, projector: { runId, nodeId, ...(learnerId ? { learnerId } : {}) } };
    }
    case 'stop-all':
      return null;
  }
}
