import { z } from 'zod';
import { problemResponse, readJson } from '@/lib/control/http';
import { liveRun, roomState, showOnProjector } from '@/lib/main-thread/room';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PATCH, DELETE } = otherMethods('/api/workshop/projector');

const choice = z.strictObject({ runId: z.string().min(1).max(100).nullable() });

/** The run the room's projector shows, wherever it runs (null: none). */
export async function GET(request: Request) {
  const denied = await requireInstructor(appRuntime(), request);
  if (denied) return denied;
  return Response.json({ projector: (await roomState()).projector }, { headers: { 'cache-control': 'no-store' } });
}

/** Put a live run on the projector (or clear it): stored for the room and signalled to every node. */
export async function PUT(request: Request) {
  const denied = await requireInstructor(appRuntime(), request);
  if (denied) return denied;
  const body = await readJson(request, choice);
  if (!body.ok) return body.response;
  const { runId } = body.data;
  if (runId === null) {
    await showOnProjector(null);
    return Response.json({ projector: null });
  }
  const live = await liveRun(runId);
  if (!live) return problemResponse('not-found', `Run ${runId} is not running anywhere in the room.`, request);
  const projector = { runId, ...live };
  await showOnProjector(projector);
  return Response.json({ projector });
}
