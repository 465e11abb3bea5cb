import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real Scale Lab nodes for the cluster tests: `node scripts/start.mjs` on a loopback port with
 * its own data directory, in a process group of its own so a test can kill -9 the whole node
 * (start.mjs, next start and its workers) the way a machine dies.
 */
export type LabNode = {
  id: string;
  port: number;
  dataDir: string;
  log: string;
  alive: () => boolean;
  /** SIGKILL to the whole process group: nothing gets to clean up. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const hasProductionBuild = () =>
  fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(path.join(root, '.build', 'lab-worker.mjs'));

/** What makes a `scripts/start.mjs` process a cluster node on loopback (shared with the cluster bench). */
export function clusterNodeEnv(id: string, port: number): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    SCALE_LAB_NODE_ID: id,
    SCALE_LAB_NODE_ADDRESS: `http://127.0.0.1:${port}`,
    SCALE_LAB_TRUST_PROXY: '1',
  };
}

export function startNode(id: string, port: number, dir: string, env: Record<string, string>): LabNode {
  const dataDir = path.join(dir, id);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = path.join(dir, `${id}.log`);
  const out = fs.openSync(log, 'a');
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ...env,
      ...clusterNodeEnv(id, port),
      PORT: String(port),
      SCALE_LAB_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: '1',
      SCALE_LAB_REBUILD: '',
    },
  });
  fs.closeSync(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signalGroup = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
    await exited;
  };
  return {
    id,
    port,
    dataDir,
    log,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill9: () => signalGroup('SIGKILL'),
    stop: () => signalGroup('SIGTERM'),
  };
}

/** Waits until the node's lab server answers ready, or fails with the end of its log. */
export async function waitReady(node: LabNode, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!node.alive()) throw new Error(`${node.id} exited:\n${tail(node.log)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${node.port}/api/lab/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${node.id} not ready after ${timeoutMs} ms:\n${tail(node.log)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const tail = (file: string, lines = 30) =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';

/** Polls `check` until it returns a value (not undefined), or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
