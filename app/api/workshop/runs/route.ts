import { localRuns } from '@/lib/main-thread/room';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/runs');

/** The live runs this node holds, with their p95: the other nodes' dashboards ask for them. */
export async function GET(request: Request) {
  const denied = await requireInstructor(appRuntime(), request);
  if (denied) return denied;
  return Response.json({ runs: localRuns() }, { headers: { 'cache-control': 'no-store' } });
}
