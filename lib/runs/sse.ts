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
 */
export function runEventStream(
  subscribe: (fn: (e: RunEvent) => void) => Live,
  /** The stored record (from the repository, so it may answer later). */
  stored: () => RunRecord | undefined | Promise<RunRecord | undefined>,
  extras?: DoneExtras,
): Response {
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = sseSender(controller);
      const close = () => {
        try {
          controller.close();
        } catch {
          // already closed: the client went away while the extras were computed
        }
      };
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
        cleanup = () => {};
      };
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
