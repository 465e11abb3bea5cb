import { z } from 'zod';
import { problemResponse, readJson } from '@/lib/control/http';
import { limitControl } from '@/lib/control/http';
import { INSTRUCTOR_COOKIE, issueInstructorCookie, tokenMatches, workshopEnabled } from '@/lib/workshop/auth';
import { appRuntime } from '@/lib/runtime';
import { clientAddress } from '@/lib/control/client-address';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH } = otherMethods('/api/workshop/session');

const signIn = z.strictObject({ token: z.string().min(1).max(500) });

/** Sign in as the instructor with the token from the server's environment. */
export async function POST(request: Request) {
  const rt = appRuntime();
  if (!workshopEnabled(rt))
    return problemResponse(
      'not-found',
      'Workshop mode is off. Start the server with SCALE_LAB_INSTRUCTOR_TOKEN set to enable it.',
      request,
    );
  // Guessing is limited per client address, so a guesser never locks the real instructor out.
  const limited = limitControl(
    request,
    'sign-in',
    `addr:${clientAddress(request.headers, rt.config.limits.trustedProxies)}`,
  );
  if (limited) return limited;
  const body = await readJson(request, signIn);
  if (!body.ok) return body.response;
  if (!tokenMatches(rt, body.data.token))
    return problemResponse('unauthorized', 'That is not the instructor token.', request);
  const secure = new URL(request.url).protocol === 'https:';
  return Response.json(
    { instructor: true },
    { headers: { 'set-cookie': await issueInstructorCookie(rt, secure), 'cache-control': 'no-store' } },
  );
}

export function DELETE() {
  return Response.json(
    { instructor: false },
    { headers: { 'set-cookie': `${INSTRUCTOR_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } },
  );
}
