import { parentPort, workerData } from 'node:worker_threads';
import type { LoadWorkerData, LoadWorkerEvent, LoadWorkerRequest } from './messages';
import { createLoadRunner } from './runner';

/**
 * Entry point of the load generator worker thread (bundled to .build/load-worker.mjs). The
 * load runs here and never on the thread that serves the API or the UI, so a busy generator
 * cannot freeze the charts that report on it. Several runs (one per learner) share this
 * thread under the caps in workerData.
 */
function main() {
  const port = parentPort;
  if (!port) throw new Error('load worker must run in a worker thread');
  const post = (event: LoadWorkerEvent) => port.postMessage(event);
  const runner = createLoadRunner((workerData ?? {}) as LoadWorkerData, post);
  port.on('message', (msg: LoadWorkerRequest) => runner.handle(msg));
  port.on('close', () => runner.stopAll());
  post({ type: 'ready' });
}

main();
