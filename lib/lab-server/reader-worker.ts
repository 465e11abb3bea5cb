import { parentPort, workerData } from 'node:worker_threads';
import { createReaderCore, type ReaderOp } from './reader-core';

// Entry of a reader thread (bundled to .build/reader-worker.mjs).
const port = parentPort;
if (!port) throw new Error('reader must run in a worker thread');
const core = createReaderCore((workerData as { dataDir: string }).dataDir);

port.on('message', (msg: { id: number; op: ReaderOp; args: never }) => {
  try {
    port.postMessage({ id: msg.id, ok: true, value: core.run(msg.op, msg.args) });
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
