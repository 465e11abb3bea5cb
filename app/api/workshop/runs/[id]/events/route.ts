import { problemResponse } from '@/lib/control/http';
import { peekRunManager } from '@/lib/main-thread/run-manager';
import { runEventStream } from '@/lib/runs/sse';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/runs/[id]/events');

/** Any learner's live run, for the instructor's projector view. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const { id } = await params;
  const runs = peekRunManager();
  const first = runs?.subscribeAny(id, () => {});
  if (!first) return problemResponse('not-found', `Run ${id} is not running.`, request);
  first.unsubscribe();
  return runEventStream(
    (fn) => runs?.subscribeAny(id, fn),
    () => undefined,
  );
}
