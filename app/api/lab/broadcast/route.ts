import { readWorkshop } from '@/lib/workshop/state';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/broadcast');

/** The instructor's current broadcast, if any: every page polls this for its banner. */
export function GET() {
  const rt = appRuntime();
  const b = workshopEnabled(rt) ? readWorkshop(rt.appDb).broadcast : null;
  return Response.json({ broadcast: b }, { headers: { 'cache-control': 'no-store' } });
}
