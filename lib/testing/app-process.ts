import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './bundle';

/**
 * The real app as a learner runs it (`node scripts/start.mjs`: seed, then `next start`, which
 * brings up the lab server worker), for tests that need real processes: crash recovery,
 * process lifetime. Needs a built app (.next/BUILD_ID); it runs in its own process group.
 */
export type AppProcess = {
  origin: string;
  /** pid of scripts/start.mjs */
  pid: number;
  logFile: string;
  exited: () => boolean;
  /** SIGKILL to the whole group: for cleanup only. */
  killAll: () => void;
};

export function appIsBuilt(root = process.cwd()): boolean {
  return (
    fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(path.join(root, '.build', 'lab-worker.mjs'))
  );
}

export async function startAppProcess(opts: {
  dataDir: string;
  port: number;
  labPort: number;
  secret: string;
  scale: number;
  readyMs?: number;
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const root = process.cwd();
  const logFile = path.join(opts.dataDir, `app-${Date.now()}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      SCALE_LAB_DATA_DIR: opts.dataDir,
      SCALE_LAB_SCALE: String(opts.scale),
      SCALE_LAB_LAB_PORT: String(opts.labPort),
      SCALE_LAB_SECRET: opts.secret,
      SCALE_LAB_REBUILD: '0',
      ...opts.env,
    },
  });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start scripts/start.mjs');
  let exited = false;
  child.once('exit', () => (exited = true));
  const killAll = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
  };
  const origin = `http://127.0.0.1:${opts.port}`;
  const until = Date.now() + (opts.readyMs ?? 180_000);
  for (;;) {
    if (exited) throw new Error(`the app exited during start-up:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    if (Date.now() > until) {
      killAll();
      throw new Error(`the app was not ready in time:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    const ok = await fetch(`${origin}/api/lab/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return { origin, pid, logFile, exited: () => exited, killAll };
}

/** CPU time a process has used, in clock ticks (user + system), or 0 if it is gone. */
export function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Every live descendant of `pid` (Linux /proc), with its command line. */
export function descendants(pid: number): { pid: number; cmd: string }[] {
  const byParent = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended while we looked
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    for (const c of byParent.get(p) ?? []) {
      if (!processAlive(c)) continue;
      let cmd = '';
      try {
        cmd = fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0').join(' ');
      } catch {
        continue;
      }
      out.push({ pid: c, cmd });
      walk(c);
    }
  };
  walk(pid);
  return out;
}
