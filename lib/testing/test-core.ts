import { fetchHandler } from '../api/fetch-adapter';
import type { RequestTrace } from '../api/pipeline';
import { createLabCore, type LabCore } from '../lab-server/core';
import { issueToken, type LearnerClaims } from '../learners/identity';
import { createTestDataDir } from './test-env';
import { openAppDb, registerSandbox } from '../db/app-db';

/**
 * The Shop API's pipeline for tests, without a server in between: a tiny real dataset, a
 * real lab core, and a token for one learner. Requests are Fetch Requests on lab.local.
 */
export type TestCore = {
  core: LabCore;
  dataDir: string;
  /** The signing secret, to mint other tokens (expired, another learner's). */
  secret: Uint8Array;
  token: string;
  /** Every request's trace, in order (tests may clear it). */
  traces: RequestTrace[];
  handle: (r: Request) => Promise<Response>;
  stop: () => Promise<void>;
};

export async function startTestCore(claims: LearnerClaims, secretChar: string): Promise<TestCore> {
  const env = createTestDataDir();
  const secret = new TextEncoder().encode(secretChar.repeat(48));
  const traces: RequestTrace[] = [];
  // The Shop API answers only tokens whose learner owns the sandbox, as recorded in app.db.
  const appDb = openAppDb(env.dataDir);
  registerSandbox(appDb, claims.learnerId, claims.sandboxId);
  appDb.close();
  const core = createLabCore({ dataDir: env.dataDir, secret, onTrace: (t) => traces.push(t) });
  return {
    core,
    dataDir: env.dataDir,
    secret,
    token: await issueToken(claims, secret, 3600),
    traces,
    handle: fetchHandler(core.handle),
    stop: async () => {
      await core.close();
      env.cleanup();
    },
  };
}
