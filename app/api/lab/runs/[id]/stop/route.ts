import { problemResponse, requireLearner } from '@/lib/control/http';
import { runManager } from '@/lib/main-thread/run-manager';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/runs/[id]/stop');

/** Stop the caller's run now. Stopping a run that already ended is not an error: it is stopped. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const { id } = await params;
  const run = runManager().stop(who.record.learnerId, id) ?? (await rt.repo.runs.get(who.record.learnerId, id));
  if (!run) return problemResponse('not-found', `You have no run ${id}.`, request);
  return Response.json(
    { run },
    { status: run.status === 'running' ? 202 : 200, headers: { 'cache-control': 'no-store' } },
  );
}
