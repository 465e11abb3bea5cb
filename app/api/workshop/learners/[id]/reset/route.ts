import { problemResponse, readyLab } from '@/lib/control/http';
import { resetSandbox } from '@/lib/control/sandbox-service';
import { requireInstructor } from '@/lib/workshop/http';
import { appContext } from '@/lib/main-thread/store';
import { forwardToPeer, isForwarded, peerAddress, relay } from '@/lib/main-thread/room-forward';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/workshop/learners/[id]/reset');

/**
 * Reset one learner's sandbox to a fresh copy (their knobs and progress are kept), on the node
 * whose disk holds it: a learner on another live node is reset by that node.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = await appContext();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const { id } = await params;
  const learner = (await rt.repo.learners.list()).find((l) => l.id === id);
  if (!learner) return problemResponse('not-found', `There is no learner ${id}.`, request);
  const home = learner.node_id && !isForwarded(request) ? await peerAddress(learner.node_id) : null;
  if (home) {
    const res = await forwardToPeer(home, `/api/workshop/learners/${encodeURIComponent(id)}/reset`, request, {
      method: 'POST',
    });
    if (!res)
      return problemResponse(
        'lab-unavailable',
        `Node ${learner.node_id} holding this sandbox did not answer.`,
        request,
      );
    return relay(res);
  }
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return Response.json(await resetSandbox(rt, lab.lab, learner.sandbox_id));
}
