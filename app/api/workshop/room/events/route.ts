import { roomEventStream } from '@/lib/main-thread/room-events';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts);
// HEAD too, as on every event stream (EVENT_STREAM_ROUTES there says why).
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/room/events');

/** The learners' room stream plus the projector's choice, for the projector page on any node. */
export async function GET(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  return roomEventStream(request, { projector: true });
}
