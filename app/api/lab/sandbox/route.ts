import {
  issuedTokenHeaders,
  problemResponse,
  readyLab,
  requestToken,
  requireLearner,
  withLab,
} from '@/lib/control/http';
import { claimSandbox, describeSandbox, resetSandbox } from '@/lib/control/sandbox-service';
import { appContext } from '@/lib/main-thread/store';
import { refuseNewSandbox } from '@/lib/control/new-sandbox';
import { proxyNodeKey } from '@/lib/control/node-key';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, PUT, PATCH } = otherMethods('/api/lab/sandbox');

const noStore = { 'cache-control': 'no-store' };

/** Create the caller's sandbox, or return the one their token names. */
export async function POST(request: Request) {
  const rt = await appContext();
  // New learners have no identity yet: creation is limited per client address, under the server's ceiling.
  let refused: Response | null = null;
  // withLab: in cluster mode a returning learner's sandbox may be taken over here, which needs the lab server.
  return withLab(request, async () => {
    const result = await claimSandbox(rt, requestToken(request), {
      mayCreate: () => !(refused = refuseNewSandbox(rt, request)),
      nodeKey: proxyNodeKey(request.headers, rt.config.limits.trustedProxies),
    });
    if (result === 'refused')
      return refused ?? problemResponse('rate-limited', 'Too many new sandboxes; try again shortly.', request);
    return Response.json(
      { sandboxId: result.sandboxId, token: result.token, moved: result.moved },
      {
        status: result.created ? 201 : 200,
        headers: issuedTokenHeaders(result, rt.config.tokenTtlSeconds, request),
      },
    );
  });
}

export async function GET(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  return Response.json(describeSandbox(rt, who.record), { headers: noStore });
}

/** Reset the caller's sandbox to a fresh copy of the template (indexes and data; knobs are kept). */
export async function DELETE(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'sandbox-reset');
  if (!who.ok) return who.response;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return withLab(request, async () =>
    Response.json(await resetSandbox(rt, lab.lab, who.record.id), { headers: noStore }),
  );
}
