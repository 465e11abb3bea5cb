import { peekRunManager } from '@/lib/runs/runtime';
import { roster, rosterCsv } from '@/lib/workshop/roster';
import { requireInstructor } from '@/lib/workshop/http';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** The anonymised progress table as CSV: no nicknames, no ids. */
export async function GET(request: Request) {
  const rt = appRuntime();
  const denied = await requireInstructor(rt, request);
  if (denied) return denied;
  return new Response(rosterCsv(roster(rt, peekRunManager())), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="workshop-progress-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
