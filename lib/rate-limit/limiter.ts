import { step, validatePolicy, type Decision, type LimiterState, type RateLimitPolicy } from './algorithms';

export interface RateLimiterOptions {
  /** Upper bound on tracked keys; beyond it the least recently seen key is dropped. */
  maxKeys: number;
}

export interface RateLimitCounters {
  allowed: number;
  limited: number;
}

export interface RateLimiter {
  readonly policy: RateLimitPolicy;
  check(key: string, nowMs: number): Decision;
  /** Forgets every key and zeroes the counters. */
  reset(): void;
  /** A snapshot; mutating it does not affect the limiter. */
  readonly counters: RateLimitCounters;
  /** Number of keys currently tracked. */
  readonly size: number;
}

export const DEFAULT_MAX_KEYS = 10_000;

/**
 * In-memory, per-process limiter. The Map is bounded because keys come from clients: without a cap,
 * a flood of distinct ids is a memory exhaustion attack. Eviction is LRU (Map insertion order,
 * refreshed on access) so keys that are actively being limited are the last to be forgotten;
 * an evicted key simply starts fresh, which fails open for that one client rather than for memory.
 */
export function createRateLimiter(
  policy: RateLimitPolicy,
  options: RateLimiterOptions = { maxKeys: DEFAULT_MAX_KEYS },
): RateLimiter {
  validatePolicy(policy);
  const { maxKeys } = options;
  if (!Number.isSafeInteger(maxKeys) || maxKeys <= 0) {
    throw new RangeError(`Invalid rate limiter options: maxKeys must be a positive integer (got ${maxKeys})`);
  }
  // Copy so later mutation of the caller's object cannot change behaviour under our feet.
  const frozen: RateLimitPolicy = Object.freeze({ ...policy });
  const states = new Map<string, LimiterState>();
  let allowed = 0;
  let limited = 0;

  return {
    policy: frozen,
    check(key, nowMs) {
      const prev = states.get(key);
      const { state, decision } = step(frozen, prev, nowMs);
      if (prev !== undefined) states.delete(key);
      states.set(key, state);
      while (states.size > maxKeys) {
        const oldest = states.keys().next();
        if (oldest.done) break;
        states.delete(oldest.value);
      }
      if (decision.allowed) allowed += 1;
      else limited += 1;
      return decision;
    },
    reset() {
      states.clear();
      allowed = 0;
      limited = 0;
    },
    get counters() {
      return { allowed, limited };
    },
    get size() {
      return states.size;
    },
  };
}
