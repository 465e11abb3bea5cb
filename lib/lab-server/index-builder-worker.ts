import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runBuild, type BuildRequest } from './index-builder-core';

// Entry of the index builder thread (bundled to .build/index-builder-worker.mjs).
const port = parentPort;
if (!port) throw new Error('the index builder must run in a worker thread');
const { dataDir, niceness } = workerData as { dataDir: string; niceness?: number };

// A million-row CREATE INDEX is CPU work too: this thread (only it, not the process) gets a
// lower priority, so on a busy machine one learner's build loses the CPU to everyone's reads,
// as the SQL console's runner processes do. Linux: /proc/thread-self names this thread's id.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, niceness ?? 10);
} catch {
  // not Linux, or not permitted: builds still never hold a lock anyone else waits on
}

port.on('message', (msg: { id: number; request: BuildRequest }) => {
  try {
    port.postMessage({ id: msg.id, ok: true, value: runBuild(dataDir, msg.request) });
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
