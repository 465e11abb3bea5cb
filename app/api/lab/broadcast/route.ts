import { readWorkshop } from '@/lib/workshop/state';
import { workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** The instructor's current broadcast, if any: every page polls this for its banner. */
export function GET() {
  const rt = appRuntime();
  const b = workshopEnabled(rt) ? readWorkshop(rt.appDb).broadcast : null;
  return Response.json({ broadcast: b }, { headers: { 'cache-control': 'no-store' } });
}
