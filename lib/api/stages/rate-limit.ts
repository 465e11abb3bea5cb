import { rateLimitHeaders, type RateLimiter } from '../../rate-limit';
import type { Stage } from '../stage';
import { timed } from './timed';
import { problem } from '../problem';
import type { ApiRequest, ApiResponse } from '../types';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Who is "one client" for the limiter: an explicit X-Client-Id (the load generator uses it
 * to act as many clients), else the learner. X-Forwarded-For is never trusted: anyone can
 * write it, so keying on it would let a client dodge its own limit.
 */
export function clientKey(
  req: ApiRequest,
  learnerId: string,
): { ok: true; key: string } | { ok: false; response: ApiResponse } {
  const id = req.headers['x-client-id'];
  if (id === undefined) return { ok: true, key: `learner:${learnerId}` };
  if (!CLIENT_ID.test(id)) {
    const detail = 'X-Client-Id must be 1-64 characters of letters, digits, ".", "_", ":" or "-".';
    return {
      ok: false,
      response: problem('invalid-parameters', detail, {
        instance: `/api/v1${req.path}`,
        errors: [{ field: 'X-Client-Id', in: 'header', detail }],
      }),
    };
  }
  return { ok: true, key: `client:${id}` };
}

export type LimitOutcome = { limited: ApiResponse | null; headers: Record<string, string> };

/** Checks the limiter; returns the 429 to send, or the headers every allowed response carries. */
export function checkRateLimit(limiter: RateLimiter, key: string, nowMs: number, instance: string): LimitOutcome {
  const decision = limiter.check(key, nowMs);
  const headers = Object.fromEntries(
    Object.entries(rateLimitHeaders(decision, limiter.policy)).map(([k, v]) => [k.toLowerCase(), v]),
  );
  if (decision.allowed) return { limited: null, headers };
  const wait = headers['retry-after'] ?? '1';
  return {
    limited: problem(
      'rate-limited',
      `This client sent more than ${limiter.policy.limit} requests per ${limiter.policy.windowMs / 1000} s. Wait ${wait} s (Retry-After) before sending again.`,
      {
        instance,
        headers,
      },
    ),
    headers,
  };
}

/** The rate-limit knob: a 429 with Retry-After over the limit, RateLimit headers on every answer. */
export const rateLimitStage: Stage = {
  name: 'ratelimit',
  run(ctx) {
    const limiter = ctx.sandbox?.limiter;
    if (!limiter || ctx.learnerId === null) return undefined;
    const t0 = performance.now();
    const client = clientKey(ctx.req, ctx.learnerId);
    if (!client.ok) return client.response;
    const outcome = checkRateLimit(limiter, client.key, Date.now(), ctx.instance);
    Object.assign(ctx.headers, outcome.headers);
    timed(ctx, 'ratelimit', t0);
    if (!outcome.limited) return undefined;
    ctx.limited = true;
    return outcome.limited;
  },
};
