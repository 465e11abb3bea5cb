import { roomRoster } from '@/lib/main-thread/room';
import { rosterCsv } from '@/lib/workshop/roster';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/workshop/export');

/** The anonymised progress table as CSV for the whole room (every node's learners): no nicknames, no ids. */
export async function GET(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  return new Response(rosterCsv(await roomRoster()), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="workshop-progress-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
