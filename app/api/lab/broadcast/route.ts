import { roomState } from '@/lib/main-thread/room';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/broadcast');

/** The instructor's current broadcast, if any: every page polls this for its banner (the room's state, so any node answers the same). */
export async function GET() {
  const rt = appRuntime();
  const b = workshopEnabled(rt) ? (await roomState()).broadcast : null;
  return Response.json({ broadcast: b }, { headers: { 'cache-control': 'no-store' } });
}
