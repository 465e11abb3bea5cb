import fs from 'node:fs';
import path from 'node:path';
import { performance as perf } from 'node:perf_hooks';
import { Worker, parentPort } from 'node:worker_threads';
import { startLabServer } from '../lib/lab-server/server';
import { startBaselineServer } from './baseline-server';
import { runLoad, type LoadResult, type LoadSpec } from './load';

/**
 * Each server under test and each load generator gets its own worker thread: the principle of
 * ARCHITECTURE.md §1 applied to the bench itself. The worker runs the bench entry script
 * again (the bundle, or bench/index.ts from source) with `benchRole` in workerData; index.ts
 * sends such threads here instead of running the benches.
 */
export type WorkerRole =
  | { benchRole: 'lab-server'; dataDir: string; secret: Uint8Array; readerScript?: string }
  | { benchRole: 'baseline-server'; dataDir: string; sandboxId: string }
  | { benchRole: 'load'; spec: LoadSpec };

type ServerStats = { requests: number; errors: number };
type Message =
  | { type: 'ready'; port: number }
  | { type: 'started' }
  | { type: 'result'; result: LoadResult }
  | { type: 'stopped'; stats: ServerStats }
  | { type: 'drained'; inFlight: number }
  | { type: 'busy'; activeMs: number; cpuMs: number; completed: number };

// ---- worker side ---------------------------------------------------------------------------

export async function runWorkerRole(data: WorkerRole): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runWorkerRole must run in a worker thread');
  const post = (m: Message) => port.postMessage(m);

  if (data.benchRole === 'load') {
    const result = await runLoad(data.spec, () => post({ type: 'started' }));
    return post({ type: 'result', result });
  }
  // Completed requests: the lab reports each one as a trace, the baseline counts its replies.
  let completed = 0;
  const server =
    data.benchRole === 'lab-server'
      ? await startLabServer({
          dataDir: data.dataDir,
          secret: data.secret,
          port: 0,
          readerScript: data.readerScript,
          onTrace: () => void completed++,
        })
      : await startBaselineServer(data.dataDir, data.sandboxId, () => void completed++);
  post({ type: 'ready', port: server.port });
  port.on('message', (msg: { type?: string }) => {
    // Busy time of this thread's event loop so far, and the requests it answered: the lab-overhead
    // bench divides one by the other (CPU per request, which the neighbours disturb less than req/s).
    if (msg?.type === 'busy')
      return void post({ type: 'busy', activeMs: perf.eventLoopUtilization().active, cpuMs: threadCpuMs(), completed });
    if (msg?.type === 'drain')
      return void drain(() => server.stats.requests - completed).then((inFlight) =>
        post({ type: 'drained', inFlight }),
      );
    if (msg?.type !== 'stop') return;
    void server.close().then(() => {
      post({ type: 'stopped', stats: { ...server.stats } });
      port.close(); // nothing left on the loop: the thread ends by itself
    });
  });
}

/**
 * CPU time this thread has run, in ms: Linux's per-thread schedstat (read by the thread itself,
 * so /proc/thread-self is this thread). Unlike event-loop busy time it does not grow while the
 * thread waits for a core, so neighbours move it much less. NaN where there is no such file.
 */
function threadCpuMs(): number {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * When autocannon stops, requests it abandoned are still queued in the server (a stats scan
 * on a reader thread cannot be cancelled). Left alone they would burn CPU during the next
 * run, which on 2 cores taxes whichever server is measured next; so wait for them.
 */
async function drain(inFlight: () => number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return inFlight();
}

// ---- main side -----------------------------------------------------------------------------

function spawn(data: WorkerRole): Worker {
  const entry = process.argv[1];
  if (!entry) throw new Error('cannot find the bench entry script to start a worker thread');
  // execArgv is inherited, so a TS loader given with --import applies to the worker as well.
  return new Worker(path.resolve(entry), { workerData: data });
}

/** Resolves with the first message of `type`; rejects if the thread fails or exits first. */
function next<T extends Message['type']>(
  w: Worker,
  type: T,
  onOther?: (m: Message) => void,
): Promise<Extract<Message, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (m.type !== type) return onOther?.(m);
      off();
      resolve(m as Extract<Message, { type: T }>);
    };
    const onError = (err: Error) => (off(), reject(err));
    const onExit = (code: number) => (off(), reject(new Error(`bench worker exited (code ${code}) before '${type}'`)));
    const off = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
  });
}

export type ServerThread = {
  port: number;
  drain: () => Promise<void>;
  /** Milliseconds the server thread's event loop has been busy, its CPU time, and requests it has answered. */
  busy: () => Promise<{ activeMs: number; cpuMs: number; completed: number }>;
  stop: () => Promise<ServerStats>;
};

export async function startServerThread(data: Exclude<WorkerRole, { benchRole: 'load' }>): Promise<ServerThread> {
  const w = spawn(data);
  const { port } = await next(w, 'ready');
  return {
    port,
    async busy() {
      const reply = next(w, 'busy');
      w.postMessage({ type: 'busy' });
      const { activeMs, cpuMs, completed } = await reply;
      return { activeMs, cpuMs, completed };
    },
    async drain() {
      const drained = next(w, 'drained');
      w.postMessage({ type: 'drain' });
      const { inFlight } = await drained;
      if (inFlight > 0) console.log(`  warning: ${inFlight} requests still in flight after 60 s`);
    },
    async stop() {
      const stopped = next(w, 'stopped');
      w.postMessage({ type: 'stop' });
      const timer = setTimeout(() => void w.terminate(), 10_000);
      try {
        return (await stopped).stats;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Runs the load in a fresh thread; `onStarted` fires when the measured window (after warm-up) begins. */
export async function runLoadInThread(spec: LoadSpec, onStarted?: () => void): Promise<LoadResult> {
  const w = spawn({ benchRole: 'load', spec });
  const { result } = await next(w, 'result', (m) => m.type === 'started' && onStarted?.());
  return result;
}
