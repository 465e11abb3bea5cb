import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../learners/identity';
import { openAppDb, registerSandbox } from '../db/app-db';
import { createTestDataDir } from '../testing/test-env';
import { pastDeadline, startLabServer } from './server';

/** Deadline propagation: a request read after its client's deadline is answered at once, not run. */
const secret = new TextEncoder().encode('d'.repeat(48));
let env: ReturnType<typeof createTestDataDir>;
let server: Awaited<ReturnType<typeof startLabServer>>;
let auth: string;

beforeAll(async () => {
  env = createTestDataDir();
  const appDb = openAppDb(env.dataDir);
  registerSandbox(appDb, 'lrn_deadlinedeadlinedead', 'sbx_deadlinedeadlinedead');
  appDb.close();
  server = await startLabServer({ dataDir: env.dataDir, secret });
  auth = `Bearer ${await issueToken({ learnerId: 'lrn_deadlinedeadlinedead', sandboxId: 'sbx_deadlinedeadlinedead' }, secret, 3600)}`;
});
afterAll(async () => {
  await server.close();
  env.cleanup();
});

const get = (deadline?: string) =>
  fetch(`http://127.0.0.1:${server.port}/api/v1/users/1/orders`, {
    headers: { authorization: auth, ...(deadline === undefined ? {} : { 'x-request-deadline': deadline }) },
  });

describe('x-request-deadline', () => {
  it('parses only whole epoch milliseconds', () => {
    expect(pastDeadline('1000', 1001)).toBe(true);
    expect(pastDeadline('1000', 1000)).toBe(false);
    for (const bad of [undefined, '', 'soon', '-5', '1e3', ['1', '2']]) expect(pastDeadline(bad, 5000)).toBe(false);
  });

  it('sheds a request whose client has given up, and runs one that is still wanted', async () => {
    const before = server.stats.shed;
    const late = await get(String(Date.now() - 1));
    expect(late.status).toBe(503);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    expect(late.headers.get('server-timing')).toBeNull(); // no query ran
    expect((await late.json()).detail).toMatch(/deadline/);
    expect(server.stats.shed).toBe(before + 1);

    const wanted = await get(String(Date.now() + 10_000));
    expect(wanted.status).toBe(200);
    expect(wanted.headers.get('server-timing')).toMatch(/db;dur=/);
    expect((await get()).status).toBe(200);
  });
});
