import { problemResponse, readyLab } from '@/lib/control/http';
import { listLearners } from '@/lib/db/app-db';
import { resetSandbox } from '@/lib/control/sandbox-service';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Reset one learner's sandbox to a fresh copy (their knobs and progress are kept). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const { id } = await params;
  const learner = listLearners(rt.appDb).find((l) => l.id === id);
  if (!learner) return problemResponse('not-found', `There is no learner ${id}.`, request);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return Response.json(await resetSandbox(rt, lab.lab, learner.sandbox_id));
}
