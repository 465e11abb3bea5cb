import { Worker } from 'node:worker_threads';

/**
 * Makes a helper process die with the process that started it, even while its main thread is
 * stuck in native code (a runaway SQLite statement cannot be interrupted, so 'disconnect' and
 * signal handlers never get to run). A small thread polls the parent pid: when the parent has
 * gone (the child was re-parented, to PID 1 or a subreaper), it SIGKILLs its own process.
 * SIGKILL, not exit(): nothing this process was doing for a dead parent may finish, and an
 * open SQLite transaction is rolled back by the next opener, never committed.
 */
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { parentPid, intervalMs } = workerData;
function gone() {
  if (process.ppid !== parentPid) return true;
  try { process.kill(parentPid, 0); return false; } catch (err) { return err.code === 'ESRCH'; }
}
const timer = setInterval(() => { if (gone()) process.kill(process.pid, 'SIGKILL'); }, intervalMs);
if (gone()) process.kill(process.pid, 'SIGKILL');
`;

export type ParentWatchdog = { stop: () => Promise<void> };

export function watchParent(opts: { parentPid?: number; intervalMs?: number } = {}): ParentWatchdog {
  const parentPid = opts.parentPid ?? process.ppid;
  const worker = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { parentPid, intervalMs: opts.intervalMs ?? 200 },
  });
  // The watchdog never keeps the process alive on its own.
  worker.unref();
  worker.on('error', (err) => console.error('[parent-watchdog] failed:', err));
  return { stop: async () => void (await worker.terminate()) };
}

/** A parent pid handed down in the environment (scripts/start.mjs sets it for `next start`). */
export function parentPidFromEnv(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const pid = Number(value);
  return pid > 1 ? pid : null;
}
