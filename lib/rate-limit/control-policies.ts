import { singleton } from '../globals';
import { createRateLimiter, type RateLimiter } from './limiter';
import type { RateLimitPolicy } from './algorithms';

/**
 * The control API's own limits, as data: no learner (or script) can flood the server that
 * everyone's lab runs on. Calls made before there is an identity (sandbox creation, join,
 * instructor sign-in) are limited per client address (lib/control/client-address.ts), never
 * under one server-wide key: a flooder or a guesser then slows only itself. Creation and join
 * are sized so a room of 30 behind one NAT can still join in the same minute; the server-wide
 * ceiling on sandboxes and disk (SCALE_LAB_MAX_SANDBOXES, SCALE_LAB_MAX_SANDBOX_DISK_GB) is a
 * capacity check, not a rate.
 */
export const CONTROL_POLICIES = {
  'sandbox-create': { algorithm: 'token-bucket', limit: 60, windowMs: 60_000, burst: 40 },
  join: { algorithm: 'token-bucket', limit: 60, windowMs: 60_000, burst: 40 },
  // The instructor types the token once a day; a guesser gets ten tries a minute from their own address.
  'sign-in': { algorithm: 'sliding-window', limit: 10, windowMs: 60_000, burst: 10 },
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
