import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { cpuTicks, descendants, startAppProcess, type AppProcess } from '../lib/testing/app-process';
import { processAlive, waitFor } from '../lib/testing/bundle';

/**
 * Crash recovery (issue 14): kill -9 the server during a stream of acknowledged writes, and
 * again during a runaway SQL-console query; restart it on the same data and check that every
 * database passes integrity_check, every acknowledged write is there, knobs and progress are
 * unchanged, and no process of the old server is left (no runner spinning for nobody).
 * Runs its own app (not Playwright's web server) on E2E_PORT + 5, because it kills it.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
const LAB_PORT = 0; // any free port: the test reaches the Shop API through the front door
const SECRET = 'c'.repeat(40);
const LESSON = 'capstone-survive-the-spike';
const RUNAWAY = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

let dataDir: string;
let app: AppProcess | undefined;
let auth: Record<string, string>;
const acknowledged: number[] = [];

// A long console time limit: the runaway must still be running when the server is killed.
const start = () =>
  startAppProcess({
    dataDir,
    port: PORT,
    labPort: LAB_PORT,
    secret: SECRET,
    scale: 0.01,
    env: { SCALE_LAB_SQL_TIMEOUT_MS: '30000' },
  });
const call = (p: string, init: RequestInit = {}) =>
  fetch(`${app!.origin}${p}`, {
    ...init,
    headers: { ...auth, 'content-type': 'application/json', ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(30_000),
  });

/** The `next start` process: the server. start.mjs is its parent. */
function serverPid(a: AppProcess): number {
  const next =
    descendants(a.pid).find((p) => /next(\/dist\/bin\/next)? start|next-server/.test(p.cmd)) ?? descendants(a.pid)[0];
  if (!next) throw new Error('no server process under start.mjs');
  return next.pid;
}

/** kill -9 of the server; returns every process of the old server, to check that none is left. */
function crash(a: AppProcess): number[] {
  const all = [a.pid, ...descendants(a.pid).map((p) => p.pid)];
  process.kill(serverPid(a), 'SIGKILL');
  return all;
}

async function snapshot() {
  const settings = await (await call('/api/lab/settings')).json();
  const progress = await (await call('/api/lab/progress')).json();
  return {
    settings: settings.settings,
    indexes: settings.indexes.map((i: { name: string; present: boolean }) => [i.name, i.present]),
    progress,
  };
}

function integrity(): string[] {
  const files = [
    path.join(dataDir, 'app.db'),
    ...fs
      .readdirSync(path.join(dataDir, 'sandboxes'))
      .filter((f) => f.endsWith('.db'))
      .map((f) => path.join(dataDir, 'sandboxes', f)),
  ];
  return files.map((f) => {
    const db = new Database(f, { readonly: true });
    try {
      return `${path.basename(f)}: ${db.pragma('integrity_check', { simple: true })}`;
    } finally {
      db.close();
    }
  });
}

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-lab-crash-'));
  app = await start();
  const claim = await (await fetch(`${app.origin}/api/lab/sandbox`, { method: 'POST' })).json();
  auth = { authorization: `Bearer ${claim.token}` };
  // Knobs and progress that must survive both crashes byte for byte.
  expect(
    (
      await call('/api/lab/settings', {
        method: 'PATCH',
        body: JSON.stringify({ appCache: { enabled: true }, indexes: { idx_order_user_id: true } }),
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await call(`/api/lab/lessons/${LESSON}/items`, {
        method: 'PUT',
        body: JSON.stringify({ kind: 'prediction', item: 'crash-test', value: { choice: 'it survives' } }),
      })
    ).status,
  ).toBe(200);
});

/** Every process of the old server is gone; a new one starts on the same data, every database intact. */
async function restartAfter(old: number[]) {
  expect(
    await waitFor(() => old.every((p) => !processAlive(p)), 15_000),
    `left alive: ${old.filter(processAlive)}`,
  ).toBe(true);
  app = await start();
  expect(
    integrity().every((l) => l.endsWith(': ok')),
    integrity().join('\n'),
  ).toBe(true);
}

test.afterAll(() => {
  app?.killAll();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('kill -9 during a stream of acknowledged writes loses none of them', async () => {
  const before = await snapshot();
  let crashed = false;
  // Four writers, each sending its next order as soon as the last is acknowledged.
  const writer = async () => {
    while (!crashed) {
      const res = await call('/api/v1/orders', {
        method: 'POST',
        body: JSON.stringify({ user_id: 1 + acknowledged.length, product_id: 1 }),
      }).catch(() => null);
      if (res?.status === 201) acknowledged.push((await res.json()).id);
    }
  };
  const writers = [writer(), writer(), writer(), writer()];
  expect(await waitFor(() => acknowledged.length >= 40, 60_000)).toBe(true);
  const old = crash(app!);
  crashed = true;
  await Promise.all(writers);
  // Nothing of the old server is left: start.mjs, next start, no helper.
  await restartAfter(old);
  const missing: number[] = [];
  for (const id of acknowledged) if ((await call(`/api/v1/orders/${id}`)).status !== 200) missing.push(id);
  expect(missing, `${missing.length} of ${acknowledged.length} acknowledged orders missing`).toEqual([]);
  console.log(
    `[crash] ${acknowledged.length} acknowledged orders kept; ${integrity().length} databases pass integrity_check; ${old.length} old processes gone`,
  );
  expect(await snapshot()).toEqual(before);
});

test('kill -9 during a runaway console query leaves no runner behind', async () => {
  const before = await snapshot();
  const pending = call('/api/lab/sql', { method: 'POST', body: JSON.stringify({ sql: RUNAWAY }) }).catch(() => null);
  // The runaway is running once a runner process exists under the server and is using the CPU.
  const runner = () => descendants(app!.pid).find((p) => p.cmd.includes('sql-runner'));
  expect(await waitFor(() => runner() !== undefined, 30_000)).toBe(true);
  const runnerPid = runner()!.pid;
  // ...and has burnt a second of CPU: past its start-up, inside the statement.
  expect(await waitFor(() => cpuTicks(runnerPid) >= 100, 30_000)).toBe(true);
  const old = crash(app!);
  expect(old).toContain(runnerPid);
  await pending;
  await restartAfter(old);
  expect(await snapshot()).toEqual(before);
  for (const id of acknowledged) expect((await call(`/api/v1/orders/${id}`)).status).toBe(200);
});

test('kill -9 of the launcher (scripts/start.mjs) takes the server down with it', async () => {
  const before = await snapshot();
  const old = [app!.pid, ...descendants(app!.pid).map((p) => p.pid)];
  expect(old.length).toBeGreaterThan(1);
  // Only the launcher is killed: the server notices (lib/parent-watchdog.ts) and ends itself.
  process.kill(app!.pid, 'SIGKILL');
  await restartAfter(old);
  expect(await snapshot()).toEqual(before);
});
