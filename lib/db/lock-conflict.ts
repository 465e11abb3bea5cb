/**
 * Lock conflicts, detected in one place. Connections shared by many sandboxes run with
 * busy_timeout 0 (lib/db/open.ts), so a statement that meets another connection's lock on
 * the same sandbox fails at once with SQLITE_BUSY instead of holding a thread every learner
 * needs. The callers turn that into a retry later (the job worker, the index builder) or an
 * answer the client can act on: 503 with Retry-After, never 500.
 */
const LOCK_CODES = /^SQLITE_(BUSY|LOCKED)(_|$)/;
// Errors that crossed a thread boundary arrive as plain messages.
const LOCK_MESSAGES = /database (table )?is locked|database schema is locked|SQLITE_BUSY|SQLITE_LOCKED/i;

export function isLockConflict(err: unknown): boolean {
  if (err instanceof SchemaChangeBusyError || err instanceof LockRetryExhaustedError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && LOCK_CODES.test(code)) return true;
  return LOCK_MESSAGES.test(err.message);
}

/** Another schema change (console or knobs) on this sandbox is running: the caller gets 409. */
export class SchemaChangeBusyError extends Error {
  readonly kind = 'schema-change-busy';
  constructor(
    readonly sandboxId: string,
    readonly holder: string,
  ) {
    super(`sandbox ${sandboxId}: a schema change (${holder}) is already in progress`);
  }
}

/** Work that kept meeting its sandbox's lock until its deadline: the caller gets 503 + Retry-After. */
export class LockRetryExhaustedError extends Error {
  readonly kind = 'lock-retry-exhausted';
  constructor(
    readonly sandboxId: string,
    readonly waitedMs: number,
  ) {
    super(`sandbox ${sandboxId}: database is locked (gave up after ${Math.round(waitedMs)} ms of retries)`);
  }
}

/**
 * An index build that reached its deadline without meeting a lock: it waited behind other
 * learners' builds on the node's one index-builder thread, or took longer than that itself.
 * The caller gets 503 + Retry-After saying so (not "locked": nothing held this sandbox's lock).
 */
export class BuildDeadlineError extends Error {
  readonly kind = 'build-deadline';
  constructor(
    readonly sandboxId: string,
    readonly waitedMs: number,
  ) {
    super(`sandbox ${sandboxId}: the index build did not finish within ${Math.round(waitedMs)} ms (builder busy)`);
  }
}

export function isBuildDeadline(err: unknown): boolean {
  return (
    err instanceof BuildDeadlineError ||
    (err instanceof Error && /the index build did not finish within \d+ ms \(builder busy\)/.test(err.message))
  );
}

/** A message that names the conflict survives a postMessage, so the other side can map it too. */
export function isSchemaChangeBusy(err: unknown): boolean {
  return (
    err instanceof SchemaChangeBusyError ||
    (err instanceof Error && /a schema change \(.*\) is already in progress/.test(err.message))
  );
}

/** Seconds a client is told to wait after a lock conflict (Retry-After). */
export const LOCK_RETRY_AFTER_S = 2;

/** Retry-After (seconds) when the index builder's queue made a build miss its deadline: others' builds go first. */
export const BUILD_RETRY_AFTER_S = 30;
