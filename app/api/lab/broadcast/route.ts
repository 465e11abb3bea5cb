import { roomState } from '@/lib/main-thread/room';
import { mayFollowRoom } from '@/lib/main-thread/room-stream-access';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/broadcast');

/**
 * The instructor's current broadcast, if any, and whether load is paused: the room's state, so
 * any node answers the same. Pages get it pushed by GET /api/lab/room/events and ask here only
 * while that stream is not open; `workshop: false` tells them there is no room to follow, and
 * `stream` whether this caller may open the stream yet (a learner with a token, or the instructor).
 */
export async function GET(request: Request) {
  const rt = appRuntime();
  const state = workshopEnabled(rt) ? await roomState() : null;
  const stream = state !== null && (await mayFollowRoom(rt, request));
  return Response.json(
    { workshop: state !== null, stream, broadcast: state?.broadcast ?? null, paused: state?.paused ?? false },
    { headers: { 'cache-control': 'no-store' } },
  );
}
