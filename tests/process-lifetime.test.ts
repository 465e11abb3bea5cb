import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForTest, processAlive, waitFor } from '@/lib/testing/bundle';
import { cpuTicks } from '@/lib/testing/app-process';

/**
 * Nothing outlives the server (issue 14, finding 5): a SQL runner whose parent is killed with
 * SIGKILL in the middle of a runaway query ends too, although its main thread is stuck in
 * SQLite and never sees the IPC channel close. The parent here is a small stand-in for the
 * server that forks the real runner bundle, exactly as runner-pool.ts does. A control build of
 * the same runner without its watchdog shows the orphan the test guards against.
 */
const RUNAWAY = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n';

// Forks the runner, starts the runaway query, prints the runner's pid once it is running, then waits forever.
const PARENT = `
import { fork } from 'node:child_process';
const [runnerFile, dbFile, sql] = process.argv.slice(2);
const child = fork(runnerFile, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
child.on('message', (m) => {
  if (m && m.type === 'ready') {
    child.send({ id: 1, request: { file: dbFile, sql, page: 1, pageSize: 50, maxRows: 1000, maxBytes: 1000000 } });
    console.log('runner ' + child.pid);
  }
});
setInterval(() => {}, 1000);
`;

let runner: { file: string; cleanup: () => void };
let unguarded: { file: string; cleanup: () => void };
let dir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  runner = await bundleForTest('sql-runner', 'lib/sql-console/runner.ts');
  unguarded = await bundleForTest('sql-runner-unguarded', 'lib/sql-console/runner.ts', {
    replace: { '../parent-watchdog': 'export const watchParent = () => ({ stop: async () => {} });' },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-lifetime-'));
  const db = new Database(path.join(dir, 'sandbox.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x)');
  db.close();
  fs.writeFileSync(path.join(dir, 'parent.mjs'), PARENT);
});

afterAll(() => {
  for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
  runner?.cleanup();
  unguarded?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The parent pid the kernel has for a process (it changes when the process is orphaned). */
function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Starts the stand-in parent; resolves once its runner is inside the runaway statement. */
async function startParent(runnerFile: string): Promise<{ parent: ChildProcess; runnerPid: number }> {
  const parent = spawn(
    process.execPath,
    [path.join(dir, 'parent.mjs'), runnerFile, path.join(dir, 'sandbox.db'), RUNAWAY],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(parent);
  const running = await new Promise<{ parent: ChildProcess; runnerPid: number }>((resolve, reject) => {
    let out = '';
    parent.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /runner (\d+)/.exec(out);
      if (m) resolve({ parent, runnerPid: Number(m[1]) });
    });
    parent.once('exit', (code) => reject(new Error(`the stand-in parent exited (${code}) before its runner started`)));
  });
  // A second of CPU burnt: past the runner's start-up, inside the statement.
  expect(await waitFor(() => cpuTicks(running.runnerPid) >= 100, 20_000)).toBe(true);
  return running;
}

describe('SQL runner lifetime', () => {
  it('dies with its parent even while stuck in a runaway query', async () => {
    const { parent, runnerPid } = await startParent(runner.file);
    // The runner is busy in SQLite: it is alive and on its own would run until killed.
    expect(processAlive(runnerPid)).toBe(true);
    parent.kill('SIGKILL');
    const gone = await waitFor(() => !processAlive(runnerPid), 10_000);
    if (!gone) process.kill(runnerPid, 'SIGKILL'); // do not leave it spinning if the test fails
    expect(gone).toBe(true);
  }, 30_000);

  it('control: the same runner without its watchdog outlives its parent, spinning (what the test above catches)', async () => {
    const { parent, runnerPid } = await startParent(unguarded.file);
    parent.kill('SIGKILL');
    try {
      // Orphaned: the kernel has handed it to another parent...
      expect(await waitFor(() => !processAlive(runnerPid) || parentOf(runnerPid) !== parent.pid, 10_000)).toBe(true);
      expect(processAlive(runnerPid)).toBe(true);
      // ...and it keeps a core busy for nobody: another second of CPU after its parent died,
      // where the watchdog (200 ms polls) would have ended it.
      const ticks = cpuTicks(runnerPid);
      expect(await waitFor(() => !processAlive(runnerPid) || cpuTicks(runnerPid) >= ticks + 100, 20_000)).toBe(true);
      expect(processAlive(runnerPid)).toBe(true);
    } finally {
      if (processAlive(runnerPid)) process.kill(runnerPid, 'SIGKILL');
    }
  }, 60_000);
});
