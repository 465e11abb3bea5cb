import { getLabHost } from '@/lib/lab-server/host';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/health');

/** Whether the lab server is up; the lab panel shows this instead of failing silently. */
export function GET() {
  const s = getLabHost()?.status();
  const body = s
    ? { lab: { state: s.state, restarts: s.restarts, startedAt: s.startedAt } }
    : { lab: { state: 'stopped', restarts: 0, startedAt: null } };
  return Response.json(body, { status: s?.state === 'ready' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
