import type { DeliveredSignal } from '../cluster';
import { problemResponse } from '../control/http';
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
 * MAX_ROOM_STREAMS a node answers 503, past a client's own limit 429, and the page falls back
 * to its 5 s poll.
 */
export const MAX_ROOM_STREAMS = 2_000;

/**
 * A slot is taken when the stream is answered (so the caps hold under a burst), but nothing is
 * subscribed until someone reads it. A response nobody pipes (a HEAD answered from GET, a client
 * gone before piping starts) never cancels its body, so the slot goes back after this long unread,
 * or as soon as the request's signal aborts.
 */
export const UNREAD_RELEASE_MS = 10_000;

/** One of the caller's own limits: its streams counted under `key`, at most `max` at once. */
export type ClientLimit = { key: string; max: number };

const streams = () => singleton('room-streams', () => ({ open: 0, byClient: new Map<string, number>() }));

export const openRoomStreams = () => streams().open;
export const openRoomStreamsOf = (key: string) => streams().byClient.get(key) ?? 0;

/** The stream, or a problem+json answer: 503 when this node is full or its store is down, 429 past a client's limit. */
export async function roomEventStream(
  request: Request,
  opts: { projector: boolean; limits?: ClientLimit[] },
): Promise<Response> {
  let cluster: Awaited<ReturnType<typeof appStore>>['cluster'];
  try {
    ({ cluster } = await appStore());
  } catch (err) {
    console.warn('[room] the store did not open for a room stream:', err);
    return problemResponse('server-full', 'The room is not reachable from this node yet; try again shortly.', request, {
      'retry-after': '5',
    });
  }
  const slots = streams();
  const limits = opts.limits ?? [];
  if (slots.open >= MAX_ROOM_STREAMS) {
    return problemResponse('server-full', `This node already streams to ${MAX_ROOM_STREAMS} pages.`, request, {
      'retry-after': '30',
    });
  }
  const over = limits.find((l) => (slots.byClient.get(l.key) ?? 0) >= l.max);
  if (over) {
    return problemResponse(
      'rate-limited',
      `You already hold ${over.max} open room streams; close a tab or follow the room by polling GET /api/lab/broadcast.`,
      request,
      { 'retry-after': '30' },
    );
  }
  slots.open++;
  for (const l of limits) slots.byClient.set(l.key, (slots.byClient.get(l.key) ?? 0) + 1);

  let released = false;
  let stopFollowing = () => {};
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(unread);
    request.signal.removeEventListener('abort', release);
    stopFollowing();
    slots.open--;
    for (const l of limits) {
      const left = (slots.byClient.get(l.key) ?? 1) - 1;
      if (left > 0) slots.byClient.set(l.key, left);
      else slots.byClient.delete(l.key);
    }
  };
  const unread = setTimeout(release, UNREAD_RELEASE_MS);
  unread.unref?.();
  request.signal.addEventListener('abort', release);
  if (request.signal.aborted) release();

  let started = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      // The first read starts it: with a high-water mark of 0 nothing pulls before a reader does.
      async pull(controller) {
        if (started) return;
        started = true;
        if (released) return controller.close();
        clearTimeout(unread);
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
        stopFollowing = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        try {
          view = roomView(await roomState(), opts.projector);
        } catch {
          // The store did not answer: end the stream; the browser retries, polling meanwhile.
          release();
          return controller.close();
        }
        if (released) return controller.close();
        send(`retry: 2000\n\n${sse('room', view)}`);
        for (const d of early.splice(0)) apply(d);
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { headers: SSE_HEADERS });
}
