import { singleton } from '../globals';
import { createRateLimiter, type RateLimiter } from './limiter';
import type { RateLimitPolicy } from './algorithms';

/**
 * The control API's own limits, as data: no learner (or script) can flood the server that
 * everyone's lab runs on. Sandbox creation has no identity yet, so it is limited
 * server-wide, sized so a room of 30 can join in the same minute.
 */
export const CONTROL_POLICIES = {
  'sandbox-create': { algorithm: 'token-bucket', limit: 120, windowMs: 60_000, burst: 60 },
  'sandbox-reset': { algorithm: 'sliding-window', limit: 10, windowMs: 60_000, burst: 10 },
  'settings-write': { algorithm: 'token-bucket', limit: 120, windowMs: 60_000, burst: 30 },
  'run-start': { algorithm: 'token-bucket', limit: 30, windowMs: 60_000, burst: 10 },
  'control-read': { algorithm: 'token-bucket', limit: 600, windowMs: 60_000, burst: 120 },
  // Each console statement costs a runner process up to 2 s of CPU (30 s for an index build).
  'sql-console': { algorithm: 'token-bucket', limit: 60, windowMs: 60_000, burst: 20 },
  // A simulation is bounded (20k simulated requests, or a few hundred token verifies) but
  // still CPU on the main thread: enough for a lesson's experiments, not for a loop.
  simulation: { algorithm: 'token-bucket', limit: 60, windowMs: 60_000, burst: 20 },
} satisfies Record<string, RateLimitPolicy>;

export type ControlPolicy = keyof typeof CONTROL_POLICIES;

export function controlLimiter(policy: ControlPolicy): RateLimiter {
  return singleton(`control-limiter:${policy}`, () => createRateLimiter(CONTROL_POLICIES[policy], { maxKeys: 50_000 }));
}
