import type { DeliveredSignal } from '../cluster';
import { singleton } from '../globals';
import { sse, SSE_HEADERS, SSE_KEEPALIVE_MS, sseSender } from '../runs/sse';
import { applyToView, roomView, type RoomView } from './room-view';
import { roomState } from './room';
import { appStore } from './store';

/**
 * The room's state pushed to browsers as Server-Sent Events: a `room` event with the whole view
 * at once (so a reconnect catches up), then one each time a cluster signal changes it. Signals
 * reach every node within 2 s (LISTEN/NOTIFY, polling as the fallback), and this node passes
 * each one on to its open streams as it arrives: no database read per signal or per learner.
 *
 * Each open stream holds a connection on this node (and two through nginx); past
 * MAX_ROOM_STREAMS a node answers 503 and the page falls back to its 5 s poll.
 */
export const MAX_ROOM_STREAMS = 2_000;

const streams = () => singleton('room-streams', () => ({ open: 0 }));

export const openRoomStreams = () => streams().open;

/** The stream, or null when this node already holds MAX_ROOM_STREAMS of them. */
export async function roomEventStream(opts: { projector: boolean }): Promise<Response | null> {
  const count = streams();
  if (count.open >= MAX_ROOM_STREAMS) return null;
  count.open++;
  const { cluster } = await appStore();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = sseSender(controller);
      // Subscribed before the snapshot is read: a signal that lands meanwhile waits, then applies.
      let view: RoomView | null = null;
      const early: DeliveredSignal[] = [];
      const apply = (d: DeliveredSignal) => {
        if (!view) return void early.push(d);
        const next = applyToView(view, d.signal);
        if (!next) return;
        view = next;
        send(sse('room', view));
      };
      const unsubscribe = cluster.signals.subscribe(apply);
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
      let closed = false;
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        count.open--;
      };
      try {
        view = roomView(await roomState(), opts.projector);
      } catch {
        // The store did not answer: end the stream; the browser retries, polling meanwhile.
        cleanup();
        return controller.close();
      }
      send(`retry: 2000\n\n${sse('room', view)}`);
      for (const d of early.splice(0)) apply(d);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
