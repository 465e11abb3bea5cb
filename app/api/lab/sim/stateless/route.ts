import { readJson, requestToken, requireLearner } from '@/lib/control/http';
import { verifyToken } from '@/lib/learners/identity';
import { appContext } from '@/lib/main-thread/store';
import { measureAuthCosts } from '@/lib/sim/auth-cost';
import { LOGIN_MODES, statelessRequestSchema, type StatelessResponse } from '@/lib/sim/schemas';
import { simulateLogins, viewToken } from '@/lib/sim/stateless';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/sim/stateless');

/**
 * Sessions vs signed tokens behind a round-robin balancer, plus the caller's own token
 * decoded and what recognising it costs, measured now on this server. The signing secret
 * stays here: only the header and payload are sent back.
 */
export async function POST(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'simulation');
  if (!who.ok) return who.response;
  const body = await readJson(request, statelessRequestSchema);
  if (!body.ok) return body.response;
  const token = requestToken(request) as string; // requireLearner has verified it
  const runs = [];
  for (const mode of LOGIN_MODES) runs.push(await simulateLogins(mode, body.data.requests));
  const costs = await measureAuthCosts({
    verify: async () => (await verifyToken(token, rt.secret)).ok,
    nowMs: () => performance.now(),
  });
  const out: StatelessResponse = { runs, token: viewToken(token), ttlSeconds: rt.config.tokenTtlSeconds, costs };
  return Response.json(out, { headers: { 'cache-control': 'no-store' } });
}
