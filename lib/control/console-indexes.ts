import type { LabHost } from '../lab-server/host';
import { applyConsoleChange, replayStatements, type ConsoleIndexes } from '../sql-console/console-indexes';
import type { SqlIndexChange } from '../sql-console/schema';
import type { SqlIndexOutcome } from '../lab-server/control';
import { LabUnavailableError } from '../workers/lab-unavailable';
import { APPLY_KNOBS_TIMEOUT_MS } from '../lab-server/knob-limits';
import type { ControlRuntime, ControlStore } from './ports';
import { recordIndexes } from './apply-knobs';
import { SQL_LIMITS } from '../sql-console/schema';

/**
 * The main thread's side of lib/sql-console/console-indexes.ts: after a console CREATE/DROP
 * INDEX commits, record it; when this node takes a sandbox over, build the record again.
 */

/** Records one committed console index change (the console runs one statement per learner at a time). */
export async function recordConsoleIndex(
  repo: Pick<ControlStore, 'sandboxes'>,
  sandboxId: string,
  change: SqlIndexChange,
): Promise<void> {
  if (change.action === 'unchanged') return;
  const state = await repo.sandboxes.consoleIndexes(sandboxId);
  // A created index without SQLite's stored definition cannot be rebuilt; recording it would be a lie.
  const next =
    change.action === 'created'
      ? change.sql
        ? applyConsoleChange(state, { action: 'created', name: change.name, sql: change.sql })
        : state
      : applyConsoleChange(state, { action: 'dropped', name: change.name });
  if (next !== state) await repo.sandboxes.setConsoleIndexes(sandboxId, next);
}

/**
 * What POST /api/lab/sql runs for a CREATE/DROP INDEX: the lab server builds it, then both records
 * are written (teaching indexes and the console's own), so a node that takes the sandbox over
 * builds the same ones. The index is committed by then: a recording that fails (PostgreSQL did
 * not answer) is logged, and the learner still gets the statement's result, never a bare 500.
 * Only a later move to another node would miss that index (the learner can run it again there).
 */
export function consoleIndexRunner(rt: ControlRuntime, lab: LabHost, sandboxId: string) {
  return async (sql: string): Promise<SqlIndexOutcome> => {
    const out = await lab.call('sqlIndexStatement', { sandboxId, sql }, SQL_LIMITS.indexTimeoutMs + 5_000);
    const change = out.ok ? out.result.index : undefined;
    if (change && change.action !== 'unchanged') {
      try {
        await recordIndexes(rt, lab, sandboxId);
        await recordConsoleIndex(rt.repo, sandboxId, change);
      } catch (err) {
        console.error(`[sql] sandbox ${sandboxId}: index ${change.name} ${change.action} but not recorded:`, err);
      }
    }
    return out;
  };
}

/** A replayed statement the lab server would not run again (a refusal or a SQLite error): reported, not retried. */
export type SkippedIndexStatement = { sql: string; reason: string };

/**
 * Replays the record on the sandbox's fresh copy through the same path as a console statement
 * (the lab server's index builder, under the sandbox's schema lock, checked by the guard and by
 * SQLite's catalogue again). A statement that cannot succeed on the template (a UNIQUE index the
 * learner's own rows made possible) is skipped and reported. One the builder could not take now
 * (the sandbox locked or mid-change, the builder's queue too long, the call timed out) is left
 * for later: `deferred` says so, and the caller replays the record again later (a DROP is IF
 * EXISTS; a CREATE of an index already built fails with SQLite's "already exists" and is only
 * reported as skipped).
 * Throwing instead would fail the takeover and make the next request start it over (a fresh copy
 * and every build queued again), which is what made a busy node busier.
 */
export async function replayConsoleIndexes(
  lab: LabHost,
  sandboxId: string,
  state: ConsoleIndexes,
): Promise<{ skipped: SkippedIndexStatement[]; deferred: boolean }> {
  const skipped: SkippedIndexStatement[] = [];
  for (const sql of replayStatements(state)) {
    let out: SqlIndexOutcome;
    try {
      // As long as a knob's build may take: a node taking over a dead node's learners queues all their builds at once.
      out = await lab.call(
        'sqlIndexStatement',
        { sandboxId, sql, timeoutMs: APPLY_KNOBS_TIMEOUT_MS },
        APPLY_KNOBS_TIMEOUT_MS,
      );
    } catch (err) {
      if (LabUnavailableError.is(err)) return { skipped, deferred: true };
      throw err;
    }
    if (out.ok) continue;
    if (out.code === 'refused' || out.code === 'sqlite') skipped.push({ sql, reason: out.message });
    else return { skipped, deferred: true };
  }
  return { skipped, deferred: false };
}
