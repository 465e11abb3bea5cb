import { problemResponse } from '@/lib/control/http';
import { MAX_ROOM_STREAMS, roomEventStream } from '@/lib/main-thread/room-events';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/room/events');

/**
 * The room's state as it changes (broadcast, pause, caps), pushed to every page's banner. Like
 * GET /api/lab/broadcast, which stays as the fallback poll, it tells nothing about anyone.
 */
export async function GET(request: Request) {
  if (!workshopEnabled(appRuntime()))
    return problemResponse('not-found', 'Workshop mode is off: there is no room to follow.', request);
  const stream = await roomEventStream({ projector: false });
  return (
    stream ??
    problemResponse('server-full', `This node already streams to ${MAX_ROOM_STREAMS} pages.`, request, {
      'retry-after': '30',
    })
  );
}
