import { limitControl, readyLab, requestToken, requireLearner, tokenCookie, withLab } from '@/lib/control/http';
import { claimSandbox, describeSandbox, resetSandbox } from '@/lib/control/sandbox-service';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/** Create the caller's sandbox, or return the one their token names. */
export async function POST(request: Request) {
  const rt = appRuntime();
  // New learners have no identity to limit by, so creating a sandbox is limited server-wide.
  let limited: Response | null = null;
  const result = await claimSandbox(rt, requestToken(request), {
    mayCreate: () => !(limited = limitControl(request, 'sandbox-create', 'server')),
  });
  if (result === 'refused') return limited ?? new Response(null, { status: 429 });
  return Response.json(
    { sandboxId: result.sandboxId, token: result.token },
    { status: result.created ? 201 : 200, headers: { 'set-cookie': tokenCookie(result.token, rt.config.tokenTtlSeconds, request), ...noStore } },
  );
}

export async function GET(request: Request) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  return Response.json(describeSandbox(rt, who.record), { headers: noStore });
}

/** Reset the caller's sandbox to a fresh copy of the template (indexes and data; knobs are kept). */
export async function DELETE(request: Request) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'sandbox-reset');
  if (!who.ok) return who.response;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return withLab(request, async () => Response.json(await resetSandbox(rt, lab.lab, who.record.id), { headers: noStore }));
}
