import path from 'node:path';
import type { ServerConfig } from '../config';
import { peekSingleton, setSingleton } from '../globals';
import { LabUnavailableError } from '../workers/lab-unavailable';
import { createRpc, type RpcReply } from '../workers/rpc';
import { superviseWorker } from '../workers/supervise';
import type { ControlCalls, ControlMethod } from './control';
import type { SandboxCounters } from './sandbox-state';

export type LabStatus = {
  state: 'starting' | 'ready' | 'restarting' | 'stopped';
  port: number | null;
  restarts: number;
  lastError: string | null;
  startedAt: string | null;
};

/** What the main thread needs from the lab server, wherever it runs (worker or in-process in tests). */
export interface LabHost {
  status(): LabStatus;
  /** Resolves with the loopback port once the server is ready. */
  ready(timeoutMs?: number): Promise<number>;
  call<M extends ControlMethod>(
    method: M,
    args: ControlCalls[M]['args'],
    timeoutMs?: number,
  ): Promise<ControlCalls[M]['result']>;
  /** The sandbox's cache and limiter counters as last pushed by the lab server (about once a second). */
  counters(sandboxId: string): SandboxCounters | undefined;
  stop(): Promise<void>;
}

const SINGLETON = 'lab-host';

export function getLabHost(): LabHost | undefined {
  return peekSingleton<LabHost>(SINGLETON);
}

export function setLabHost(host: LabHost | undefined): void {
  setSingleton(SINGLETON, host);
}

export function workerScriptPath(): string {
  // Computed at run time: tell Turbopack not to trace the whole project from it.
  return path.join(/* turbopackIgnore: true */ process.cwd(), '.build', 'lab-worker.mjs');
}

/** Restarts of a crashed lab server wait 0.5 s, 1 s, 2 s, ... up to 30 s. */
const LAB_BACKOFF = { baseMs: 250, maxMs: 30_000 };

/**
 * Runs the lab server in a worker thread and supervises it (lib/workers/supervise.ts): a
 * worker that dies is restarted with back-off, and its status (restarts, last error) is
 * visible to the UI so a learner is told instead of facing a silent lab.
 */
export function startWorkerLabHost(config: ServerConfig, script: string = workerScriptPath()): LabHost {
  const existing = getLabHost();
  if (existing) return existing;

  const status: LabStatus = { state: 'starting', port: null, restarts: 0, lastError: null, startedAt: null };
  let waiters: Array<(port: number) => void> = [];
  let latest: Record<string, SandboxCounters> = {};
  let stopping = false;
  type Message = { type: string; port?: number; counters?: Record<string, SandboxCounters> } & Partial<RpcReply>;

  const rpc = createRpc<ControlCalls>({
    name: 'lab server',
    send: (request) => supervised.current()?.postMessage({ type: 'call', ...request }),
  });
  const supervised = superviseWorker<Message>({
    name: 'lab-host',
    script,
    options: {
      workerData: {
        dataDir: config.dataDir,
        scale: config.scale,
        port: config.labPort,
        secret: config.secret,
        limits: config.limits,
      },
    },
    backoff: LAB_BACKOFF,
    onMessage(msg) {
      if (msg.type === 'counters' && msg.counters) {
        latest = msg.counters;
      } else if (msg.type === 'ready' && typeof msg.port === 'number') {
        const port = msg.port;
        Object.assign(status, { state: 'ready', port, startedAt: new Date().toISOString() });
        waiters.forEach((resolve) => resolve(port));
        waiters = [];
      } else if (msg.type === 'result' && msg.id !== undefined) {
        rpc.settle({
          id: msg.id,
          ok: msg.ok === true,
          value: msg.value,
          error: msg.error,
          unavailable: msg.unavailable,
        });
      }
    },
    onExit({ code, error, restarts, delayMs }) {
      rpc.failAll(new LabUnavailableError('lab server exited', 'exited'));
      if (delayMs === null) return void (status.state = 'stopped');
      // The UI reads this: a learner sees "API restarting after a crash (#n)", not a silent lab.
      Object.assign(status, {
        state: 'restarting',
        port: null,
        restarts,
        lastError: `exited with code ${code}${error ? `: ${error}` : ''}`,
      });
    },
  });

  const host: LabHost = {
    status: () => ({ ...status }),
    counters: (sandboxId) => latest[sandboxId],
    ready(timeoutMs = 120_000) {
      if (status.state === 'ready' && status.port !== null) return Promise.resolve(status.port);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new LabUnavailableError('lab server is not ready', 'not-ready')),
          timeoutMs,
        );
        waiters.push((port) => (clearTimeout(timer), resolve(port)));
      });
    },
    call(method, args, timeoutMs = 15_000) {
      if (stopping) return Promise.reject(new LabUnavailableError('lab server is stopping', 'stopping'));
      if (!supervised.current() || status.state !== 'ready')
        return Promise.reject(new LabUnavailableError(`lab server is ${status.state}`, 'not-ready'));
      return rpc.call(method, args, timeoutMs);
    },
    async stop() {
      stopping = true;
      await supervised.stop();
      setLabHost(undefined);
    },
  };
  setLabHost(host);
  return host;
}
