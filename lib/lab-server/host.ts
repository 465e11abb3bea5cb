import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ServerConfig } from '../config';
import { peekSingleton, setSingleton } from '../globals';
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
  call<M extends ControlMethod>(method: M, args: ControlCalls[M]['args'], timeoutMs?: number): Promise<ControlCalls[M]['result']>;
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

/**
 * Runs the lab server in a worker thread and supervises it: a worker that dies is restarted
 * with back-off, and its status (restarts, last error) is visible to the UI so a learner is
 * told instead of facing a silent lab.
 */
export function startWorkerLabHost(config: ServerConfig, script: string = workerScriptPath()): LabHost {
  const existing = getLabHost();
  if (existing) return existing;

  const status: LabStatus = { state: 'starting', port: null, restarts: 0, lastError: null, startedAt: null };
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let waiters: Array<(port: number) => void> = [];
  let latest: Record<string, SandboxCounters> = {};
  let worker: Worker | null = null;
  let nextId = 1;
  let stopping = false;

  function spawn() {
    const w = new Worker(script, {
      workerData: { dataDir: config.dataDir, scale: config.scale, port: config.labPort, secret: config.secret },
    });
    worker = w;
    let crash: string | null = null;
    w.on('message', (msg: { type: string; id?: number; ok?: boolean; value?: unknown; error?: string; port?: number; counters?: Record<string, SandboxCounters> }) => {
      if (msg.type === 'counters' && msg.counters) {
        latest = msg.counters;
      } else if (msg.type === 'ready' && typeof msg.port === 'number') {
        Object.assign(status, { state: 'ready', port: msg.port, startedAt: new Date().toISOString() });
        waiters.forEach((resolve) => resolve(msg.port as number));
        waiters = [];
      } else if (msg.type === 'result' && msg.id !== undefined) {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new Error(msg.error ?? 'lab server call failed'));
      }
    });
    w.on('error', (err) => {
      crash = err.message;
      console.error('[lab-host] lab server error:', err);
    });
    w.on('exit', (code) => {
      worker = null;
      for (const p of pending.values()) (clearTimeout(p.timer), p.reject(new Error('lab server exited')));
      pending.clear();
      if (stopping) return void (status.state = 'stopped');
      status.state = 'restarting';
      status.port = null;
      status.restarts++;
      status.lastError = `exited with code ${code}${crash ? `: ${crash}` : ''}`;
      const delay = Math.min(30_000, 250 * 2 ** Math.min(status.restarts, 7));
      console.error(`[lab-host] lab server exited (code ${code}); restart #${status.restarts} in ${delay} ms`);
      setTimeout(spawn, delay).unref();
    });
  }

  const host: LabHost = {
    status: () => ({ ...status }),
    counters: (sandboxId) => latest[sandboxId],
    ready(timeoutMs = 120_000) {
      if (status.state === 'ready' && status.port !== null) return Promise.resolve(status.port);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('lab server is not ready')), timeoutMs);
        waiters.push((port) => (clearTimeout(timer), resolve(port)));
      });
    },
    call(method, args, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        if (!worker || status.state !== 'ready') return reject(new Error(`lab server is ${status.state}`));
        const id = nextId++;
        const timer = setTimeout(() => (pending.delete(id), reject(new Error(`lab server call ${method} timed out`))), timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        worker.postMessage({ type: 'call', id, method, args });
      });
    },
    async stop() {
      stopping = true;
      await worker?.terminate();
      setLabHost(undefined);
    },
  };
  setLabHost(host);
  spawn();
  return host;
}
