import { Worker, type WorkerOptions } from 'node:worker_threads';

export type Backoff = { baseMs: number; maxMs: number };

/** The wait before restart number `restarts` (1, 2, ...): doubling from base, capped at max. */
export function backoffDelay(restarts: number, { baseMs, maxMs }: Backoff): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(restarts, 16));
}

/** `delayMs` is null when the worker was stopped on purpose and will not come back. */
export type WorkerExit = { code: number; error: string | null; restarts: number; delayMs: number | null };

/**
 * One worker thread kept alive: started now, restarted with back-off when it dies, and each
 * death reported (`onExit`) so its owner can fail the work it held and tell the learner.
 * Messages go to `onMessage` whichever incarnation sent them; `current()` is the live one.
 */
export function superviseWorker<In>(opts: {
  name: string;
  script: string | URL;
  options?: WorkerOptions;
  backoff: Backoff;
  onMessage: (msg: In, worker: Worker) => void;
  onExit?: (exit: WorkerExit, worker: Worker) => void;
  /** Called for each new incarnation, the first included. */
  onSpawn?: (worker: Worker) => void;
}) {
  let worker: Worker | null = null;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  function spawn() {
    const w = new Worker(opts.script, opts.options);
    worker = w;
    let error: string | null = null;
    w.on('message', (msg: In) => opts.onMessage(msg, w));
    w.on('error', (err) => {
      error = err.message;
      console.error(`[${opts.name}] error:`, err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (stopping) return opts.onExit?.({ code, error, restarts, delayMs: null }, w);
      restarts++;
      const delayMs = backoffDelay(restarts, opts.backoff);
      console.error(
        `[${opts.name}] exited (code ${code}${error ? `: ${error}` : ''}); restart #${restarts} in ${delayMs} ms`,
      );
      opts.onExit?.({ code, error, restarts, delayMs }, w);
      timer = setTimeout(spawn, delayMs);
      timer.unref();
    });
    opts.onSpawn?.(w);
  }
  spawn();

  return {
    current: (): Worker | null => worker,
    restarts: () => restarts,
    /** Stops for good: no restart, and resolves once the live worker has exited. */
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(timer);
      await worker?.terminate();
    },
  };
}

export type SupervisedWorker = ReturnType<typeof superviseWorker>;
