import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadWorkerData, LoadWorkerEvent, LoadWorkerRequest } from '../load/messages';

/**
 * Supervises the load generator's worker thread. If it dies, every run it carried is
 * reported failed (never silently lost) and a fresh worker replaces it.
 */
export type LoadHost = {
  send(msg: LoadWorkerRequest): boolean;
  isUp(): boolean;
  restarts(): number;
  stop(): Promise<void>;
};

export function loadWorkerScriptPath(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), '.build', 'load-worker.mjs');
}

export function startLoadHost(
  data: LoadWorkerData,
  onEvent: (e: LoadWorkerEvent) => void,
  onCrash: (reason: string) => void,
  script: string = loadWorkerScriptPath(),
): LoadHost {
  let worker: Worker | null = null;
  let up = false;
  let restarts = 0;
  let stopping = false;

  function spawn() {
    const w = new Worker(script, { workerData: data });
    worker = w;
    let crash = '';
    w.on('message', (e: LoadWorkerEvent) => {
      if (e.type === 'ready') up = true;
      else onEvent(e);
    });
    w.on('error', (err) => {
      crash = err.message;
      console.error('[load-host] load worker error:', err);
    });
    w.on('exit', (code) => {
      up = false;
      worker = null;
      if (stopping) return;
      restarts++;
      onCrash(`The load generator stopped unexpectedly (exit code ${code}${crash ? `: ${crash}` : ''}); it has been restarted.`);
      setTimeout(spawn, Math.min(10_000, 250 * 2 ** Math.min(restarts, 5))).unref();
    });
  }
  spawn();

  return {
    send(msg) {
      if (!worker || !up) return false;
      worker.postMessage(msg);
      return true;
    },
    isUp: () => up,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      await worker?.terminate();
    },
  };
}
