import { problemResponse, requireLearner } from '@/lib/api/control-http';
import { runManager } from '@/lib/runs/runtime';
import { getRun } from '@/lib/runs/store';
import { appRuntime } from '@/lib/runtime';
import type { RunEvent } from '@/lib/runs/manager';

export const dynamic = 'force-dynamic';

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Live per-second stats as Server-Sent Events: a snapshot first (so a reload catches up),
 * then one `second` event per second, then `done`. If the learner closes the page, the run
 * stops by itself shortly after.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const { id } = await params;
  const learnerId = who.record.learnerId;
  if (!runManager().activeFor(learnerId, id) && !getRun(rt.appDb, learnerId, id)) {
    return problemResponse('not-found', `You have no run ${id}.`, request);
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          // the client has gone; cancel() cleans up
        }
      };
      const live = runManager().subscribe(learnerId, id, (e: RunEvent) => {
        if (e.type === 'second') return send(sse('second', e.stats));
        send(sse('done', { run: e.run }));
        cleanup();
        controller.close();
      });
      if (!live) {
        const stored = getRun(rt.appDb, learnerId, id);
        // It ended between the check above and now: the stored record is complete.
        if (stored) send(sse('snapshot', { run: stored }) + sse('done', { run: stored }));
        controller.close();
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
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}
