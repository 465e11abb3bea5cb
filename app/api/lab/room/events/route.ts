import { problemResponse } from '@/lib/control/http';
import { roomEventStream } from '@/lib/main-thread/room-events';
import { roomStreamAccess } from '@/lib/main-thread/room-stream-access';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts);
// HEAD too, as on every event stream (EVENT_STREAM_ROUTES there says why).
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/room/events');

/**
 * The room's state as it changes (broadcast, pause, caps), pushed to every page's banner. Like
 * GET /api/lab/broadcast, which stays as the fallback poll, it tells nothing about anyone; it
 * still needs a learner token or the instructor's cookie, and each client holds only so many
 * (lib/main-thread/room-stream-access.ts), so no one can take every stream this node has.
 */
export async function GET(request: Request) {
  const rt = appRuntime();
  if (!workshopEnabled(rt))
    return problemResponse('not-found', 'Workshop mode is off: there is no room to follow.', request);
  const access = await roomStreamAccess(rt, request);
  if (!access.ok) return access.response;
  return roomEventStream(request, { projector: false, limits: access.limits });
}
