import { problemResponse, requireLearner } from '@/lib/control/http';
import { runManager } from '@/lib/main-thread/run-manager';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/runs/[id]');

/** One of the caller's runs with its per-second stats and summary. Other learners' runs are 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const { id } = await params;
  const run = runManager().activeFor(who.record.learnerId, id) ?? (await rt.repo.runs.get(who.record.learnerId, id));
  if (!run) return problemResponse('not-found', `You have no run ${id}.`, request);
  return Response.json({ run }, { headers: { 'cache-control': 'no-store' } });
}
