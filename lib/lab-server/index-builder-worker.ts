import { parentPort, workerData } from 'node:worker_threads';
import { runBuild, type BuildRequest } from './index-builder-core';

// Entry of the index builder thread (bundled to .build/index-builder-worker.mjs).
const port = parentPort;
if (!port) throw new Error('the index builder must run in a worker thread');
const { dataDir } = workerData as { dataDir: string };

port.on('message', (msg: { id: number; request: BuildRequest }) => {
  try {
    port.postMessage({ id: msg.id, ok: true, value: runBuild(dataDir, msg.request) });
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
