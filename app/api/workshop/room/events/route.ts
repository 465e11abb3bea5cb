import { problemResponse } from '@/lib/control/http';
import { MAX_ROOM_STREAMS, roomEventStream } from '@/lib/main-thread/room-events';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/room/events');

/** The learners' room stream plus the projector's choice, for the projector page on any node. */
export async function GET(request: Request) {
  const denied = await requireInstructor(appRuntime(), request);
  if (denied) return denied;
  const stream = await roomEventStream({ projector: true });
  return (
    stream ??
    problemResponse('server-full', `This node already streams to ${MAX_ROOM_STREAMS} pages.`, request, {
      'retry-after': '30',
    })
  );
}
