import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForTest, processAlive, waitFor } from '@/lib/testing/bundle';

/**
 * Nothing outlives the server (issue 14, finding 5): a SQL runner whose parent is killed with
 * SIGKILL in the middle of a runaway query ends too, although its main thread is stuck in
 * SQLite and never sees the IPC channel close. The parent here is a small stand-in for the
 * server that forks the real runner bundle, exactly as runner-pool.ts does.
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
    // The statement is running once the runner has taken it: give it CPU time to start.
    setTimeout(() => console.log('runner ' + child.pid), 300);
  }
});
setInterval(() => {}, 1000);
`;

let runner: { file: string; cleanup: () => void };
let dir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  runner = await bundleForTest('sql-runner', 'lib/sql-console/runner.ts');
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
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function startParent(): Promise<{ parent: ChildProcess; runnerPid: number }> {
  const parent = spawn(
    process.execPath,
    [path.join(dir, 'parent.mjs'), runner.file, path.join(dir, 'sandbox.db'), RUNAWAY],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(parent);
  return new Promise((resolve, reject) => {
    let out = '';
    parent.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /runner (\d+)/.exec(out);
      if (m) resolve({ parent, runnerPid: Number(m[1]) });
    });
    parent.once('exit', (code) => reject(new Error(`the stand-in parent exited (${code}) before its runner started`)));
  });
}

describe('SQL runner lifetime', () => {
  it('dies with its parent even while stuck in a runaway query', async () => {
    const { parent, runnerPid } = await startParent();
    // The runner is busy in SQLite: it is alive and on its own would run until killed.
    expect(processAlive(runnerPid)).toBe(true);
    parent.kill('SIGKILL');
    const gone = await waitFor(() => !processAlive(runnerPid), 10_000);
    if (!gone) process.kill(runnerPid, 'SIGKILL'); // do not leave it spinning if the test fails
    expect(gone).toBe(true);
  }, 30_000);
});
