import type { RunEvent } from './manager';
import type { RunRecord } from './schema';

export const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Every event stream's headers: X-Accel-Buffering tells nginx to pass each event on as it comes. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
} as const;

/** Writes text to a stream whose client may have gone (then cancel() cleans up, not the writer). */
export function sseSender(controller: ReadableStreamDefaultController<Uint8Array>): (chunk: string) => void {
  const encoder = new TextEncoder();
  return (chunk) => {
    try {
      controller.enqueue(encoder.encode(chunk));
    } catch {
      // the client has gone; cancel() cleans up
    }
  };
}

/** A comment every 15 s keeps proxies (nginx's read timeout) from closing an idle stream. */
export const SSE_KEEPALIVE_MS = 15_000;

type Live = { snapshot: RunRecord; unsubscribe: () => void } | undefined;

/** What rides along with `done` besides the run; a failure to compute it never loses the event. */
export type DoneExtras = (run: RunRecord) => Promise<Record<string, unknown>>;

async function doneEvent(run: RunRecord, extras?: DoneExtras): Promise<string> {
  const more = extras ? await extras(run).catch(() => ({})) : {};
  return sse('done', { ...more, run });
}

/**
 * A run as Server-Sent Events: a snapshot first (so a reload catches up), one `second` event
 * per second, then `done`. Shared by the learner's stream and the instructor's projector.
 * `extras` adds fields to `done` (the learner's lesson verdicts), so what a finished run
 * decides arrives in the same event as the run, not in a request made after it.
 *
 * It subscribes on the first read, not when the response is made: a response nobody pipes (a
 * HEAD answered from GET, a client gone before piping starts) never cancels its body, and would
 * otherwise hold its subscriber forever. `signal` (the request's) ends it when the client goes.
 */
export function runEventStream(
  subscribe: (fn: (e: RunEvent) => void) => Live,
  /** The stored record (from the repository, so it may answer later). */
  stored: () => RunRecord | undefined | Promise<RunRecord | undefined>,
  extras?: DoneExtras,
  signal?: AbortSignal,
): Response {
  let cleanup = () => {};
  let started = false;
  let gone = false;
  const leave = () => {
    gone = true;
    cleanup();
  };
  signal?.addEventListener('abort', leave, { once: true });
  const stream = new ReadableStream<Uint8Array>(
    {
      // With a high-water mark of 0 nothing pulls before a reader does.
      async pull(controller) {
        if (started) return;
        started = true;
        const send = sseSender(controller);
        const close = () => {
          try {
            controller.close();
          } catch {
            // already closed: the client went away while the extras were computed
          }
        };
        if (gone || signal?.aborted) return close();
        const live = subscribe((e) => {
          if (e.type === 'second') return send(sse('second', e.stats));
          cleanup();
          void doneEvent(e.run, extras).then((chunk) => {
            send(chunk);
            close();
          });
        });
        if (!live) {
          // It ended before we subscribed: the stored record is complete.
          const run = await stored();
          if (run) send(sse('snapshot', { run }) + (await doneEvent(run, extras)));
          close();
          return;
        }
        send(`retry: 2000\n\n${sse('snapshot', { run: live.snapshot })}`);
        const heartbeat = setInterval(() => send(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
        cleanup = () => {
          clearInterval(heartbeat);
          live.unsubscribe();
          signal?.removeEventListener('abort', leave);
          cleanup = () => {};
        };
      },
      cancel() {
        leave();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { headers: SSE_HEADERS });
}
