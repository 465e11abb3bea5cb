import { getLabHost } from '@/lib/lab-server/host';

export const dynamic = 'force-dynamic';

/** Whether the lab server is up; the lab panel shows this instead of failing silently. */
export function GET() {
  const s = getLabHost()?.status();
  const body = s
    ? { lab: { state: s.state, restarts: s.restarts, startedAt: s.startedAt } }
    : { lab: { state: 'stopped', restarts: 0, startedAt: null } };
  return Response.json(body, { status: s?.state === 'ready' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
