import type { RunEvent } from './manager';
import type { RunRecord } from './schema';

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

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
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          // the client has gone; cancel() cleans up
        }
      };
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
      // Comments keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), 15_000);
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
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
}
