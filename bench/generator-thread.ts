import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  Keyspace,
  LoadProfileInput,
  LoadTarget,
  LoadWorkerData,
  LoadWorkerEvent,
  LoadWorkerRequest,
  RunSummary,
} from '../lib/load';
import { REPO_ROOT } from './fixtures';

/**
 * Runs one load profile on the product's own load worker (.build/load-worker.mjs, the bundle
 * of lib/load/worker.ts that the app starts): the same thread entry, message protocol, profile
 * validation, caps and runLoad that learners get, so the bench measures the generator as
 * shipped. A fresh thread per run, like bench/threads.ts gives autocannon, so both tools
 * start each slice from the same place.
 */
const SCRIPT = path.join(REPO_ROOT, '.build', 'load-worker.mjs');

// The tiny servers answer any path: ids only make the paths look like the real API's.
const KEYSPACE: Keyspace = { users: 1000, products: 1000, emails: [] };

export async function runGenerator(profile: LoadProfileInput, target: LoadTarget): Promise<RunSummary> {
  if (!fs.existsSync(SCRIPT))
    throw new Error(`${SCRIPT} is missing: run node scripts/build-workers.mjs (npm run bench does)`);
  const data: LoadWorkerData = {};
  const w = new Worker(SCRIPT, { workerData: data });
  // The run stops by itself after durationSec; this only guards against a wedged worker.
  const guardMs = ((profile.durationSec ?? 10) + 30) * 1000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<RunSummary>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`generator run did not finish within ${guardMs} ms`)), guardMs);
      w.on('message', (e: LoadWorkerEvent) => {
        if (e.type === 'done') resolve(e.summary);
        else if (e.type === 'error') reject(new Error(`load worker: ${e.message}`));
      });
      w.on('error', reject);
      w.on('exit', (code) => reject(new Error(`load worker exited (code ${code}) before finishing`)));
      const start: LoadWorkerRequest = {
        type: 'start',
        runId: 'bench',
        profile,
        target,
        token: 'bench',
        keyspace: KEYSPACE,
      };
      w.postMessage(start);
    });
  } finally {
    clearTimeout(timer);
    await w.terminate();
  }
}
