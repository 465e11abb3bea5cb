import { isSandboxId } from '../../db/sandboxes';
import { tokenFromHeaders, type VerifyResult } from '../../learners/identity';
import type { SandboxView } from '../ports';
import { problem } from '../problem';
import type { RequestContext, Stage, StageResult } from '../stage';

const UNAUTHORIZED_DETAIL: Record<Exclude<VerifyResult, { ok: true }>['reason'], string> = {
  missing:
    'No learner token was sent. Open a lesson page (it creates your sandbox), or call POST /api/lab/sandbox and send the token it returns as the scale_lab_token cookie or as "Authorization: Bearer <token>".',
  expired: 'Your learner token has expired. Call POST /api/lab/sandbox to get a fresh one; your sandbox is kept.',
  invalid:
    'The learner token is not valid: it was changed, or signed by another Scale Lab server. Call POST /api/lab/sandbox for a new one.',
};

/** Who is asking: the signed learner token names the sandbox (and so the knobs) this request runs in. */
export function identifyStage(
  verify: (token: string | undefined) => VerifyResult | Promise<VerifyResult>,
  sandboxState: (sandboxId: string) => SandboxView,
  ownsSandbox?: (learnerId: string, sandboxId: string) => boolean,
): Stage {
  // The Authorization header of the last request and the token in it: under load one client
  // sends the same header again and again, and a Bearer header wins over any cookie.
  let lastAuthorization: string | undefined;
  let lastBearer: string | undefined;
  function tokenOf(headers: Record<string, string | undefined>): string | undefined {
    const { authorization } = headers;
    if (authorization !== undefined && authorization === lastAuthorization) return lastBearer;
    const bearer = tokenFromHeaders(authorization, undefined);
    if (bearer === undefined) return tokenFromHeaders(authorization, headers.cookie);
    lastAuthorization = authorization;
    lastBearer = bearer;
    return bearer;
  }

  // The last answer whose sandbox id passed the shape check: a verifier hands out the same
  // frozen answer for a token it knows, so a repeated token skips the regex (~600 instructions).
  let lastWellFormed: VerifyResult | null = null;
  function wellFormed(verified: VerifyResult & { ok: true }): boolean {
    if (verified === lastWellFormed) return true;
    if (!isSandboxId(verified.claims.sandboxId)) return false;
    lastWellFormed = verified;
    return true;
  }

  return {
    name: 'identify',
    run(ctx) {
      const verified = verify(tokenOf(ctx.req.headers));
      // A token seen before is answered from memory, synchronously; only a new one is awaited.
      return verified instanceof Promise ? verified.then((v) => admit(ctx, v)) : admit(ctx, verified);
    },
  };

  function admit(ctx: RequestContext, verified: VerifyResult): StageResult {
    // A signed token naming a malformed sandbox id was not made by this server, and a valid
    // signature is not enough either: the learner must own that sandbox. Both are invalid.
    const identity: VerifyResult =
      verified.ok &&
      (!wellFormed(verified) || ownsSandbox?.(verified.claims.learnerId, verified.claims.sandboxId) === false)
        ? { ok: false, reason: 'invalid' }
        : verified;
    if (!identity.ok) {
      const challenge =
        identity.reason === 'missing' ? 'Bearer realm="scale-lab"' : 'Bearer realm="scale-lab", error="invalid_token"';
      return problem('unauthorized', UNAUTHORIZED_DETAIL[identity.reason], {
        instance: ctx.instance,
        headers: { 'www-authenticate': challenge },
      });
    }
    ctx.learnerId = identity.claims.learnerId;
    ctx.sandboxId = identity.claims.sandboxId;
    ctx.sandbox = sandboxState(ctx.sandboxId);
    return undefined;
  }
}
