import { z } from 'zod';
import { readyLab, requireLearner, withLab } from '@/lib/control/http';
import { toFetchResponse } from '@/lib/api/fetch-adapter';
import { parseQuery } from '@/lib/api/validate';
import { EXPLAIN_ENDPOINTS } from '@/lib/knobs/endpoints';
import type { ExplainResponse } from '@/lib/knobs/schema';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/explain');

const explainQuery = z.strictObject({
  endpoint: z.enum(Object.keys(EXPLAIN_ENDPOINTS) as [keyof typeof EXPLAIN_ENDPOINTS], {
    error: `must be one of: ${Object.keys(EXPLAIN_ENDPOINTS).join(', ')}`,
  }),
});

/** SQLite's EXPLAIN QUERY PLAN for every statement an endpoint runs, on the caller's sandbox. */
export async function GET(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const url = new URL(request.url);
  const query = parseQuery(explainQuery, url.searchParams, url.pathname);
  if (!query.ok) return toFetchResponse(query.response);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return withLab(request, async () => {
    const { statements } = await lab.lab.call('explain', { sandboxId: who.record.id, endpoint: query.data.endpoint });
    const body: ExplainResponse = {
      endpoint: query.data.endpoint,
      request: EXPLAIN_ENDPOINTS[query.data.endpoint],
      statements,
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  });
}
