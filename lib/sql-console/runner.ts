import { watchParent } from '../parent-watchdog';
import { runConsoleQuery, type RunOutcome, type RunRequest } from './run-query';

/**
 * Entry point of the SQL console's runner process (bundled to .build/sql-runner.mjs and
 * forked by runner-pool.ts). One statement at a time; the parent SIGKILLs this process when
 * a statement runs past its time limit, which is the only way to stop better-sqlite3 midway.
 */
export type RunnerMessage = { id: number; request: RunRequest };
export type RunnerReply = { id: number; outcome: RunOutcome } | { type: 'ready' };

if (!process.send) {
  console.error('sql-runner must be started with an IPC channel (child_process.fork)');
  process.exit(1);
}

process.on('message', (msg: RunnerMessage) => {
  let outcome: RunOutcome;
  try {
    outcome = runConsoleQuery(msg.request);
  } catch (err) {
    outcome = { ok: false, code: 'sqlite', message: err instanceof Error ? err.message : String(err) };
  }
  process.send?.({ id: msg.id, outcome } satisfies RunnerReply);
});
// The parent going away (crash, restart) must not leave runners behind: 'disconnect' covers
// an idle runner, the watchdog thread one stuck in a runaway statement.
process.on('disconnect', () => process.exit(0));
watchParent();
process.send({ type: 'ready' } satisfies RunnerReply);
