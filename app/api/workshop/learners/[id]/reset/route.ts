import { problemResponse, readyLab } from '@/lib/control/http';
import { listLearners } from '@/lib/db/app-db';
import { resetSandbox } from '@/lib/control/sandbox-service';
import { requireInstructor } from '@/lib/workshop/http';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/workshop/learners/[id]/reset');

/** Reset one learner's sandbox to a fresh copy (their knobs and progress are kept). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = await appContext();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const { id } = await params;
  const learner = listLearners(rt.appDb).find((l) => l.id === id);
  if (!learner) return problemResponse('not-found', `There is no learner ${id}.`, request);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return Response.json(await resetSandbox(rt, lab.lab, learner.sandbox_id));
}
