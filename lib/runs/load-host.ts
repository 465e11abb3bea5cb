import path from 'node:path';
import { superviseWorker } from '../workers/supervise';
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

/** A crashed load generator is back after 0.5 s, 1 s, ... up to 10 s. */
const LOAD_BACKOFF = { baseMs: 250, maxMs: 10_000 };

export function startLoadHost(
  data: LoadWorkerData,
  onEvent: (e: LoadWorkerEvent) => void,
  onCrash: (reason: string) => void,
  script: string = loadWorkerScriptPath(),
): LoadHost {
  let up = false;
  const supervised = superviseWorker<LoadWorkerEvent>({
    name: 'load-host',
    script,
    options: { workerData: data },
    backoff: LOAD_BACKOFF,
    onSpawn: () => (up = false),
    onMessage(e) {
      if (e.type === 'ready') up = true;
      else onEvent(e);
    },
    onExit({ code, error, delayMs }) {
      up = false;
      if (delayMs === null) return;
      onCrash(
        `The load generator stopped unexpectedly (exit code ${code}${error ? `: ${error}` : ''}); it has been restarted.`,
      );
    },
  });

  return {
    send(msg) {
      const worker = supervised.current();
      if (!worker || !up) return false;
      worker.postMessage(msg);
      return true;
    },
    isUp: () => up,
    restarts: () => supervised.restarts(),
    stop: () => supervised.stop(),
  };
}
