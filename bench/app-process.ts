import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { addCleanup, REPO_ROOT, sleep } from './fixtures';

/**
 * Runs the real app the way a learner does (`node scripts/start.mjs`: seed check, then
 * `next start`, which brings up the lab server worker from instrumentation.ts), in its own
 * process group so that stopping it also stops the `next start` grandchild.
 */
export type AppProcess = { origin: string; labOrigin: string; logFile: string; stop: () => Promise<void> };

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function signalGroup(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, sig);
    return true;
  } catch {
    return false; // ESRCH: the whole group is gone
  }
}

/** The data dir is deleted at the end of the run, so a failed start-up's log is kept beside it. */
function keepLog(file: string, lines = 25): string {
  const kept = path.join(path.dirname(path.dirname(file)), '..', `scale-lab-bench-app-${Date.now()}.log`);
  try {
    fs.copyFileSync(file, kept);
    const tail = fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((l) => `    | ${l}`)
      .join('\n');
    return `full log kept in ${path.resolve(kept)}; last lines:\n${tail}`;
  } catch {
    return '(no log)';
  }
}

/** pid of a `next build` running in this repo (Linux /proc), or null. */
function otherNextBuild(): number | null {
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null; // not Linux: no guard
  }
  for (const pid of pids) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const isNext = argv.some((a) => a === 'next' || a.endsWith('/next') || a.endsWith('next/dist/bin/next'));
      if (isNext && argv.includes('build') && fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(REPO_ROOT))
        return Number(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return null;
}

/**
 * .next is shared with everyone working in this checkout. A build deletes BUILD_ID first,
 * so "no BUILD_ID" may mean "someone is building": wait for them instead of starting a
 * second build into the same folder, which breaks both.
 */
async function waitForOtherBuild(timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pid = otherNextBuild();
  if (pid !== null) console.log(`  another \`next build\` (pid ${pid}) is running in this repo; waiting for it`);
  while (pid !== null && Date.now() < deadline) {
    await sleep(2000);
    pid = otherNextBuild();
  }
}

export async function startApp(opts: {
  dataDir: string;
  scale: number;
  port: number;
  labPort: number;
  /** Extra environment (cluster mode: database URL, secret, node id). */
  env?: Record<string, string>;
}): Promise<AppProcess> {
  for (const p of [opts.port, opts.labPort]) {
    if (!(await portFree(p))) throw new Error(`port ${p} on 127.0.0.1 is taken; set BENCH_APP_PORT / BENCH_LAB_PORT`);
  }
  await waitForOtherBuild();
  const needsBuild = !fs.existsSync(path.join(REPO_ROOT, '.next', 'BUILD_ID'));
  if (needsBuild) console.log('  no .next/BUILD_ID: scripts/start.mjs will run `next build` first (a minute or two)');

  const logFile = path.join(opts.dataDir, 'app.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.mjs')], {
    cwd: REPO_ROOT,
    detached: true, // own process group: one kill reaches start.mjs and next start alike
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      ...opts.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1', // loopback only: the bench must not expose a server to the network
      SCALE_LAB_DATA_DIR: opts.dataDir,
      SCALE_LAB_SCALE: String(opts.scale),
      SCALE_LAB_LAB_PORT: String(opts.labPort),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start scripts/start.mjs');
  let exited = false;
  child.once('exit', () => (exited = true));
  // If the bench is interrupted, the app must not outlive it.
  const forget = addCleanup(() => void signalGroup(pid, 'SIGKILL'));

  const stop = async () => {
    signalGroup(pid, 'SIGTERM');
    // Wait for every member of the group, not just start.mjs, before escalating.
    for (let i = 0; i < 50 && signalGroup(pid, 0); i++) await sleep(100);
    signalGroup(pid, 'SIGKILL');
    forget();
  };

  const origin = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (needsBuild ? 600_000 : 120_000);
  try {
    for (;;) {
      if (exited) throw new Error(`the app exited during start-up; ${keepLog(logFile)}`);
      if (Date.now() > deadline) throw new Error(`the app was not ready in time; ${keepLog(logFile)}`);
      // /api/lab/health answers 200 only once the lab server worker is listening.
      const ok = await fetch(`${origin}/api/lab/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(500);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { origin, labOrigin: `http://127.0.0.1:${opts.labPort}`, logFile, stop };
}
