import { readConfig } from '../config';
import { setLabHost, type LabHost } from '../lab-server/host';
import { startInProcessLabHost } from '../lab-server/in-process-host';
import { createTestDataDir, TEST_SCALE } from './test-env';

/**
 * The app's server side for route-handler tests: a tiny real dataset, the environment the
 * route handlers read, and a real lab server on loopback registered as the lab host.
 * `claim()` creates a learner and returns their Authorization header.
 */
export async function startTestLab(secretChar: string, env: Record<string, string> = {}) {
  const data = createTestDataDir();
  const secret = secretChar.repeat(40);
  Object.assign(process.env, {
    SCALE_LAB_DATA_DIR: data.dataDir,
    SCALE_LAB_SCALE: String(TEST_SCALE),
    SCALE_LAB_SECRET: secret,
    ...env,
  });
  const lab: LabHost = await startInProcessLabHost({
    dataDir: data.dataDir,
    scale: TEST_SCALE,
    secret: new TextEncoder().encode(secret),
    // The ceiling the app would read from these settings (lib/config.ts), as the worker gets it.
    limits: readConfig().limits,
  });
  setLabHost(lab);
  return {
    dataDir: data.dataDir,
    lab,
    secret: new TextEncoder().encode(secret),
    async claim(): Promise<Record<string, string>> {
      const sandbox = await import('@/app/api/lab/sandbox/route');
      const res = await sandbox.POST(new Request('http://localhost/api/lab/sandbox', { method: 'POST' }));
      return { authorization: `Bearer ${(await res.json()).token}` };
    },
    async stop() {
      await lab.stop();
      setLabHost(undefined);
      data.cleanup();
    },
  };
}
