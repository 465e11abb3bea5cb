import { problemResponse } from '@/lib/control/http';
import { peekRunManager } from '@/lib/main-thread/run-manager';
import { projectedRunRecord, remoteRunAddress } from '@/lib/main-thread/room';
import { forwardToPeer, isForwarded } from '@/lib/main-thread/room-forward';
import { runEventStream, SSE_HEADERS } from '@/lib/runs/sse';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts);
// HEAD too, as on every event stream (EVENT_STREAM_ROUTES there says why).
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/runs/[id]/events');

/**
 * Any learner's live run, for the instructor's projector view. A run on another node is
 * streamed from that node (the one holding it serves it), at its registered address; the run
 * on the projector, once ended, from its stored record.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const { id } = await params;
  const runs = peekRunManager();
  const first = runs?.subscribeAny(id, () => {});
  if (first) {
    first.unsubscribe();
    return runEventStream(
      (fn) => runs?.subscribeAny(id, fn),
      () => undefined,
      undefined,
      request.signal,
    );
  }
  const notRunning = () => problemResponse('not-found', `Run ${id} is not running.`, request);
  const home = isForwarded(request) ? null : await remoteRunAddress(id);
  if (!home) {
    // Ended: the projector's run is shown from its stored record (a snapshot, then done).
    const ended = await projectedRunRecord(id);
    return ended
      ? runEventStream(
          () => undefined,
          () => ended,
        )
      : notRunning();
  }
  const upstream = await forwardToPeer(home, `/api/workshop/runs/${encodeURIComponent(id)}/events`, request, {
    method: 'GET',
    accept: 'text/event-stream',
  });
  if (!upstream?.ok || !upstream.body) return notRunning();
  return new Response(upstream.body, { headers: SSE_HEADERS });
}
