import { limitControl, problemResponse } from './http';
import type { AppRuntime } from '../runtime';
import { clientAddress } from './client-address';
import { sandboxUsage, serverFullReason } from '../db/capacity';

/**
 * The gate in front of creating a sandbox file (a new learner, or a returning one whose idle
 * file was removed): at most so many per client address, and never past the server's
 * ceiling on sandboxes and disk. Returns the refusal to send, or null to go ahead.
 */
export function refuseNewSandbox(
  rt: AppRuntime,
  request: Request,
  policy: 'sandbox-create' | 'join' = 'sandbox-create',
): Response | null {
  const limited = limitControl(
    request,
    policy,
    `addr:${clientAddress(request.headers, rt.config.limits.trustedProxies)}`,
  );
  if (limited) return limited;
  const full = serverFullReason(sandboxUsage(rt.config.dataDir), rt.config.limits);
  return full ? problemResponse('server-full', full, request, { 'retry-after': '600' }) : null;
}
