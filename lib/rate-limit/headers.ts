import type { Decision, RateLimitPolicy } from './algorithms';

// The policy name is emitted inside a quoted structured-field string; restricting it to a safe
// token set rules out header injection and escaping bugs in one check.
const POLICY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function assertPolicyName(name: string): void {
  if (!POLICY_NAME.test(name)) {
    throw new RangeError(`Invalid rate limit policy name ${JSON.stringify(name)}: use 1-64 of [A-Za-z0-9_.-]`);
  }
}

/** Whole seconds, rounded up so a client never retries before the server would accept it. */
export function ceilSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** `"default";q=100;w=60`; a sub-second window still reports w=1 because 0 would be meaningless. */
export function formatRateLimitPolicy(policy: Pick<RateLimitPolicy, 'limit' | 'windowMs'>, name = 'default'): string {
  assertPolicyName(name);
  return `"${name}";q=${policy.limit};w=${Math.max(1, ceilSeconds(policy.windowMs))}`;
}

/** `"default";r=0;t=12` */
export function formatRateLimit(decision: Pick<Decision, 'remaining' | 'resetMs'>, name = 'default'): string {
  assertPolicyName(name);
  return `"${name}";r=${Math.max(0, Math.floor(decision.remaining))};t=${ceilSeconds(decision.resetMs)}`;
}

/**
 * Headers for one response per draft-ietf-httpapi-ratelimit-headers. Retry-After is only set when
 * limited, and is at least 1: "Retry-After: 0" invites an immediate retry that would be rejected again.
 */
export function rateLimitHeaders(
  decision: Decision,
  policy: RateLimitPolicy,
  name = 'default',
): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': formatRateLimitPolicy(policy, name),
    RateLimit: formatRateLimit(decision, name),
  };
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, ceilSeconds(decision.retryAfterMs)));
  return headers;
}
