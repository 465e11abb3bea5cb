import { parentPort, workerData } from 'node:worker_threads';
import { ensureTemplate } from '../db/template';
import { loadSecret } from '../learners/secret';
import { createControl } from './control';
import { startLabServer } from './server';
import { failureReply } from '../workers/rpc';

/**
 * Entry point of the lab server worker thread (bundled to .build/lab-worker.mjs).
 * It builds the template if needed, serves /api/v1 on loopback, and answers control calls.
 */
export type LabWorkerData = {
  dataDir: string;
  scale: number;
  port: number;
  secret: string | undefined;
  /** The server's ceiling on sandbox files (lib/config.ts), held when a Shop request would recreate one. */
  limits?: { maxSandboxes: number; maxSandboxDiskBytes: number };
};

async function main() {
  const port = parentPort;
  if (!port) throw new Error('lab worker must run in a worker thread');
  const cfg = workerData as LabWorkerData;
  const template = ensureTemplate(cfg.dataDir, cfg.scale);
  const server = await startLabServer({
    dataDir: cfg.dataDir,
    secret: loadSecret(cfg.dataDir, cfg.secret),
    port: cfg.port,
    limits: cfg.limits,
    readerScript: new URL('./reader-worker.mjs', import.meta.url),
    indexBuilderScript: new URL('./index-builder-worker.mjs', import.meta.url),
  });
  const call = createControl(server);

  port.on('message', (msg: { type: 'call'; id: number; method: string; args: unknown }) => {
    if (msg?.type !== 'call') return;
    call(msg.method, msg.args).then(
      (value) => port.postMessage({ type: 'result', id: msg.id, ok: true, value }),
      (err: unknown) => port.postMessage({ type: 'result', ...failureReply(msg.id, err) }),
    );
  });
  port.postMessage({ type: 'ready', port: server.port, templateBuilt: template.built, templateMs: template.ms });
  // Pushed, not asked for: the control API reads the latest counters without waiting on this
  // thread, which may be busy with everyone's load.
  setInterval(() => port.postMessage({ type: 'counters', counters: server.states.counters() }), 1000).unref();
}

main().catch((err) => {
  console.error('[lab-server] failed to start:', err);
  process.exit(1);
});
