import { z } from 'zod';
import { issuedTokenHeaders, limitControl, problemResponse, readJson, requestToken } from '@/lib/control/http';
import { claimSandbox } from '@/lib/control/sandbox-service';
import { workshopEnabled } from '@/lib/workshop/auth';
import { roomState } from '@/lib/main-thread/room';
import { appContext } from '@/lib/main-thread/store';
import { clientAddress } from '@/lib/control/client-address';
import { refuseNewSandbox } from '@/lib/control/new-sandbox';
import { proxyNodeKey } from '@/lib/control/node-key';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/join');

const join = z.strictObject({
  code: z.string().trim().toUpperCase().length(6, "is the 6-character code on the instructor's screen"),
  nickname: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(24, 'must be at most 24 characters')
    .regex(/^[\p{L}\p{N} ._-]+$/u, 'may use letters, digits, spaces, dots, dashes and underscores'),
});

/** Join the room in one step: the code on the projector and a nickname. No account. */
export async function POST(request: Request) {
  const rt = await appContext();
  if (!workshopEnabled(rt)) return problemResponse('not-found', 'This server is not running a workshop.', request);
  // Every attempt counts, right or wrong code, per client address: guessing codes slows only the guesser.
  const limited = limitControl(
    request,
    'join',
    `addr:${clientAddress(request.headers, rt.config.limits.trustedProxies)}`,
  );
  if (limited) return limited;
  const body = await readJson(request, join);
  if (!body.ok) return body.response;
  if (body.data.code !== (await roomState()).joinCode) {
    return problemResponse(
      'validation-failed',
      "That join code is not this room's. Check the code on the instructor's screen.",
      request,
    );
  }
  let refused: Response | null = null;
  const claim = await claimSandbox(rt, requestToken(request), {
    mayCreate: () => !(refused = refuseNewSandbox(rt, request)),
    nodeKey: proxyNodeKey(request.headers, rt.config.limits.trustedProxies),
  });
  if (claim === 'refused')
    return refused ?? problemResponse('rate-limited', 'Too many new sandboxes; try again shortly.', request);
  await rt.repo.learners.setNickname(claim.learnerId, body.data.nickname);
  return Response.json(
    { sandboxId: claim.sandboxId, token: claim.token, nickname: body.data.nickname },
    {
      status: claim.created ? 201 : 200,
      headers: issuedTokenHeaders(claim, rt.config.tokenTtlSeconds, request),
    },
  );
}
