import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDataDir } from '../testing/test-env';
import { readConfig } from '../config';
import { setLabHost, startWorkerLabHost, type LabHost } from './host';

/**
 * Supervision, with a stand-in worker script that becomes ready and then crashes: the host
 * must restart it and report the restart, never leave a silent lab.
 */
let host: LabHost | undefined;
afterEach(async () => {
  await host?.stop();
  setLabHost(undefined);
});

function crashingWorker(dir: string): string {
  const file = path.join(dir, 'crashing-worker.mjs');
  fs.writeFileSync(
    file,
    `
    import { parentPort } from 'node:worker_threads';
    parentPort.postMessage({ type: 'ready', port: 4321 });
    parentPort.on('message', (m) => parentPort.postMessage({ type: 'result', id: m.id, ok: true, value: { echoed: m.method } }));
    setTimeout(() => process.exit(3), 150);
  `,
  );
  return file;
}

describe('lab host supervision', () => {
  it('reports ready, answers calls, and restarts a worker that died', async () => {
    const dir = makeTempDataDir();
    // Next's types make NODE_ENV a required key of ProcessEnv; readConfig reads only SCALE_LAB_* settings.
    const config = readConfig({ SCALE_LAB_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv);
    host = startWorkerLabHost(config, crashingWorker(dir));
    expect(await host.ready(5_000)).toBe(4321);
    expect(await host.call('status', {})).toEqual({ echoed: 'status' });
    await new Promise((r) => setTimeout(r, 600));
    const status = host.status();
    expect(status.restarts).toBeGreaterThanOrEqual(1);
    expect(status.lastError).toContain('code 3');
    // It came back: ready again on the same port after its restart.
    expect(await host.ready(5_000)).toBe(4321);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
