import { ensureTemplate } from '../db/template';
import { createControl } from './control';
import type { LabHost, LabStatus } from './host';
import { startLabServer } from './server';

/**
 * The same lab server on the current thread. Used by tests (which call route handlers
 * directly) and by tools; the app itself always runs the lab server in a worker.
 */
export async function startInProcessLabHost(opts: {
  dataDir: string;
  scale: number;
  secret: Uint8Array;
  limits?: { maxSandboxes: number; maxSandboxDiskBytes: number };
}): Promise<LabHost> {
  ensureTemplate(opts.dataDir, opts.scale);
  const server = await startLabServer({ dataDir: opts.dataDir, secret: opts.secret, limits: opts.limits });
  const call = createControl(server);
  const status: LabStatus = {
    state: 'ready',
    port: server.port,
    restarts: 0,
    lastError: null,
    startedAt: new Date().toISOString(),
  };
  return {
    status: () => ({ ...status }),
    counters: (sandboxId) => server.states.counters()[sandboxId],
    ready: async () => server.port,
    call: (method, args) => call(method, args) as never,
    async stop() {
      status.state = 'stopped';
      await server.close();
    },
  };
}
