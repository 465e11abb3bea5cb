import { readyLab } from '@/lib/control/http';
import { listLearners } from '@/lib/db/app-db';
import { resetSandbox } from '@/lib/control/sandbox-service';
import { requireInstructor } from '@/lib/workshop/http';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/workshop/reset-all');

/** Reset every learner's sandbox, one after another (each copy is async and quick). */
export async function POST(request: Request) {
  const rt = await appContext();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  let reset = 0;
  for (const l of listLearners(rt.appDb)) {
    await resetSandbox(rt, lab.lab, l.sandbox_id);
    reset++;
  }
  return Response.json({ reset });
}
