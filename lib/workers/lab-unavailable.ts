/**
 * A call that could not be answered because a worker is not there to answer it: starting,
 * restarting after a crash, stopping, or too busy to reply in time (`busy`: it answered, but could
 * not do the work now, e.g. a takeover whose index builds did not get their turn). The control API turns it
 * into 503 + Retry-After ("try again in a few seconds") rather than a 500.
 */
export type UnavailableReason = 'not-ready' | 'timeout' | 'exited' | 'stopping' | 'busy';

// Under Turbopack, route handlers get their own instance of this module, so an error thrown
// by the host (created in instrumentation.ts) is not `instanceof` the route's class. A
// registry symbol marks it in a way every module instance recognises.
const BRAND = Symbol.for('scale-lab.lab-unavailable');

export class LabUnavailableError extends Error {
  readonly reason: UnavailableReason;
  readonly [BRAND] = true;

  constructor(message: string, reason: UnavailableReason) {
    super(message);
    this.name = 'LabUnavailableError';
    this.reason = reason;
  }

  static is(err: unknown): err is LabUnavailableError {
    return err instanceof Error && (err as Error & Record<symbol, unknown>)[BRAND] === true;
  }
}
