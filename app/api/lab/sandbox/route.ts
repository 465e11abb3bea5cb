import { problemResponse, requestToken, tokenCookie, UNAUTHORIZED_CONTROL } from '@/lib/api/control-http';
import { getLabHost } from '@/lib/lab-server/host';
import { authenticate, claimSandbox, describeSandbox, resetSandbox } from '@/lib/learners/sandbox-service';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Create the caller's sandbox, or return the one their token names. */
export async function POST(request: Request) {
  const rt = appRuntime();
  const result = await claimSandbox(rt, requestToken(request));
  return Response.json(
    { sandboxId: result.sandboxId, token: result.token },
    {
      status: result.created ? 201 : 200,
      headers: { 'set-cookie': tokenCookie(result.token, rt.config.tokenTtlSeconds, request), 'cache-control': 'no-store' },
    },
  );
}

export async function GET(request: Request) {
  const rt = appRuntime();
  const auth = await authenticate(rt, requestToken(request));
  if (!auth.ok) return problemResponse('unauthorized', UNAUTHORIZED_CONTROL, request, { 'www-authenticate': 'Bearer realm="scale-lab"' });
  return Response.json(describeSandbox(rt, auth.record), { headers: { 'cache-control': 'no-store' } });
}

/** Reset the caller's sandbox to a fresh copy of the template. */
export async function DELETE(request: Request) {
  const rt = appRuntime();
  const auth = await authenticate(rt, requestToken(request));
  if (!auth.ok) return problemResponse('unauthorized', UNAUTHORIZED_CONTROL, request, { 'www-authenticate': 'Bearer realm="scale-lab"' });
  const lab = getLabHost();
  if (!lab || lab.status().state !== 'ready') {
    return problemResponse('lab-unavailable', 'The lab server is not ready; try the reset again in a few seconds.', request, { 'retry-after': '2' });
  }
  return Response.json(await resetSandbox(rt, lab, auth.record.id), { headers: { 'cache-control': 'no-store' } });
}
