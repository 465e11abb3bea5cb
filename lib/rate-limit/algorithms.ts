export const ALGORITHMS = ['fixed-window', 'sliding-window', 'token-bucket'] as const;

export type Algorithm = (typeof ALGORITHMS)[number];

export interface RateLimitPolicy {
  algorithm: Algorithm;
  /** Requests per window (windows) or tokens refilled per window (token bucket). */
  limit: number;
  windowMs: number;
  /** Token bucket capacity; ignored by the window algorithms. */
  burst: number;
}

export interface Decision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /**
   * When allowed: ms until the full quota is back if the client stops now.
   * When limited: equal to retryAfterMs, because "when can I send again" is what a client at r=0 needs.
   */
  resetMs: number;
  /** 0 when allowed. */
  retryAfterMs: number;
}

export type LimiterState =
  | { kind: 'fixed-window'; windowStart: number; count: number }
  | { kind: 'sliding-window'; windowStart: number; count: number; prevCount: number }
  // Credit is tokens × windowMs so that refill (elapsed × limit) stays in integers for integer
  // inputs; floating-point tokens drift and make "exactly 1 token left" flaky.
  | { kind: 'token-bucket'; credit: number; updatedAt: number };

type FixedWindowState = Extract<LimiterState, { kind: 'fixed-window' }>;
type SlidingWindowState = Extract<LimiterState, { kind: 'sliding-window' }>;
type TokenBucketState = Extract<LimiterState, { kind: 'token-bucket' }>;

export interface StepResult {
  state: LimiterState;
  decision: Decision;
}

/** Throws a RangeError naming the bad field; returns the policy so it can be used inline. */
export function validatePolicy(policy: RateLimitPolicy): RateLimitPolicy {
  const fail = (msg: string): never => {
    throw new RangeError(`Invalid rate limit policy: ${msg}`);
  };
  if (!ALGORITHMS.includes(policy.algorithm)) fail(`unknown algorithm ${JSON.stringify(policy.algorithm)}`);
  if (!Number.isSafeInteger(policy.limit) || policy.limit <= 0) {
    fail(`limit must be a positive integer (got ${policy.limit})`);
  }
  if (!Number.isFinite(policy.windowMs) || policy.windowMs <= 0) {
    fail(`windowMs must be a positive finite number (got ${policy.windowMs})`);
  }
  if (policy.algorithm === 'token-bucket' && (!Number.isSafeInteger(policy.burst) || policy.burst <= 0)) {
    fail(`burst must be a positive integer for token-bucket (got ${policy.burst})`);
  }
  return policy;
}

/**
 * One request against one key. Pure: the caller owns both the state and the clock, which is what
 * makes boundary behaviour testable to the millisecond.
 */
export function step(policy: RateLimitPolicy, state: LimiterState | undefined, nowMs: number): StepResult {
  validatePolicy(policy);
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be finite (got ${nowMs})`);
  // A state of another kind means the policy was swapped at runtime; starting fresh is the only
  // interpretation that cannot over-count.
  switch (policy.algorithm) {
    case 'fixed-window':
      return fixedWindow(policy, state?.kind === 'fixed-window' ? state : undefined, nowMs);
    case 'sliding-window':
      return slidingWindow(policy, state?.kind === 'sliding-window' ? state : undefined, nowMs);
    case 'token-bucket':
      return tokenBucket(policy, state?.kind === 'token-bucket' ? state : undefined, nowMs);
  }
}

function windowStartOf(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs) * windowMs;
}

function fixedWindow(policy: RateLimitPolicy, state: FixedWindowState | undefined, nowMs: number): StepResult {
  const { limit, windowMs } = policy;
  // Clamp so a clock that steps backwards cannot land in an earlier window and reset the count.
  const now = Math.max(nowMs, state?.windowStart ?? -Infinity);
  const windowStart = windowStartOf(now, windowMs);
  const count = state && state.windowStart === windowStart ? state.count : 0;
  const resetMs = Math.ceil(windowStart + windowMs - now);
  if (count < limit) {
    const next = count + 1;
    return {
      state: { kind: 'fixed-window', windowStart, count: next },
      decision: { allowed: true, limit, remaining: limit - next, resetMs, retryAfterMs: 0 },
    };
  }
  return {
    state: { kind: 'fixed-window', windowStart, count },
    decision: { allowed: false, limit, remaining: 0, resetMs, retryAfterMs: resetMs },
  };
}

/**
 * Cloudflare's approximation: estimate = prev × (fraction of prev window still covered) + current.
 * Everything is compared multiplied by windowMs so integer inputs never hit float rounding.
 */
function slidingWindow(policy: RateLimitPolicy, state: SlidingWindowState | undefined, nowMs: number): StepResult {
  const { limit, windowMs: w } = policy;
  const now = Math.max(nowMs, state?.windowStart ?? -Infinity);
  const windowStart = windowStartOf(now, w);
  let count = 0;
  let prevCount = 0;
  if (state && state.windowStart === windowStart) {
    count = state.count;
    prevCount = state.prevCount;
  } else if (state && state.windowStart === windowStart - w) {
    prevCount = state.count;
  }
  const elapsed = now - windowStart;
  const prevWeighted = prevCount * (w - elapsed); // prev contribution × w
  const allowed = prevWeighted + (count + 1) * w <= limit * w;
  if (allowed) count += 1;

  const next: LimiterState = { kind: 'sliding-window', windowStart, count, prevCount };
  if (!allowed) {
    const retryAfterMs = slidingRetryAfter(limit, w, elapsed, count, prevCount);
    return { state: next, decision: { allowed, limit, remaining: 0, resetMs: retryAfterMs, retryAfterMs } };
  }
  const remaining = Math.max(0, Math.floor((limit * w - prevWeighted - count * w) / w));
  // The current window's requests keep weighing on the estimate until the end of the next window.
  const resetMs = Math.ceil(count > 0 ? 2 * w - elapsed : prevCount > 0 ? w - elapsed : 0);
  return { state: next, decision: { allowed, limit, remaining, resetMs, retryAfterMs: 0 } };
}

/** Smallest wait after which one more request fits under the estimate. */
function slidingRetryAfter(limit: number, w: number, elapsed: number, count: number, prevCount: number): number {
  const toBoundary = w - elapsed;
  if (count < limit) {
    // Room in this window once enough of the previous window has slid out:
    // prevCount × (w - elapsed - t) <= (limit - count - 1) × w.
    const t = (prevCount * toBoundary - (limit - count - 1) * w) / prevCount;
    return Math.max(1, Math.ceil(t));
  }
  // This window alone is full; after the boundary it becomes "prev" and must slide out far
  // enough: count × (w - x) + w <= limit × w.
  const x = Math.max(0, w - ((limit - 1) * w) / count);
  return Math.max(1, Math.ceil(toBoundary + x));
}

function tokenBucket(policy: RateLimitPolicy, state: TokenBucketState | undefined, nowMs: number): StepResult {
  const { limit, windowMs, burst } = policy;
  const capacity = burst * windowMs;
  const cost = windowMs; // one token
  const now = Math.max(nowMs, state?.updatedAt ?? -Infinity);
  const refilled = state ? state.credit + (now - state.updatedAt) * limit : capacity;
  // Re-clamp on every step so a policy whose burst shrank cannot keep a stale larger bucket.
  const credit = Math.min(capacity, refilled);

  if (credit >= cost) {
    const left = credit - cost;
    return {
      state: { kind: 'token-bucket', credit: left, updatedAt: now },
      decision: {
        allowed: true,
        limit,
        remaining: Math.floor(left / cost),
        resetMs: Math.ceil((capacity - left) / limit),
        retryAfterMs: 0,
      },
    };
  }
  const retryAfterMs = Math.max(1, Math.ceil((cost - credit) / limit));
  return {
    state: { kind: 'token-bucket', credit, updatedAt: now },
    decision: { allowed: false, limit, remaining: 0, resetMs: retryAfterMs, retryAfterMs },
  };
}
