import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDb } from '../db/app-db';
import type { Db } from '../db/open';
import { startInProcessLabHost } from '../lab-server/in-process-host';
import type { LabHost } from '../lab-server/host';
import { sqliteRepository } from '../store/sqlite-repository';
import { createTestDataDir, TEST_SCALE } from '../testing/test-env';
import { consoleIndexRunner } from './console-indexes';
import type { ControlRuntime } from './ports';

/** The console's index path on a real lab server over a real app.db, with a store that stops answering. */
describe('consoleIndexRunner', () => {
  const data = createTestDataDir();
  let lab: LabHost & { stop(): Promise<void> };
  let appDb: Db;
  beforeAll(async () => {
    const secret = new TextEncoder().encode('a'.repeat(48));
    lab = await startInProcessLabHost({ dataDir: data.dataDir, scale: TEST_SCALE, secret });
    appDb = openAppDb(data.dataDir);
  }, 30_000);
  afterAll(async () => {
    await lab?.stop();
    appDb?.close();
    data.cleanup();
  });

  it('an index that was built but could not be recorded still answers its result (before: a bare 500)', async () => {
    const repo = sqliteRepository(appDb, { nodeId: 'node-a' });
    const record = await repo.learners.createWithSandbox(new Date());
    const failing = {
      ...repo,
      sandboxes: {
        ...repo.sandboxes,
        setConsoleIndexes: () => Promise.reject(new Error('Connection terminated unexpectedly')),
      },
    };
    // Only what the runner reads: the data dir (index presence) and the store.
    const rt = { config: { dataDir: data.dataDir }, repo: failing } as unknown as ControlRuntime;
    const run = consoleIndexRunner(rt, lab, record.id);
    const out = await run('CREATE INDEX idx_console_status ON orders(status)');
    expect(out).toMatchObject({ ok: true, result: { index: { name: 'idx_console_status', action: 'created' } } });
    // The store that answers records it as before.
    const ok = consoleIndexRunner({ ...rt, repo } as ControlRuntime, lab, record.id);
    await ok('DROP INDEX idx_console_status');
    expect((await repo.sandboxes.consoleIndexes(record.id)).dropped).toEqual(['idx_console_status']);
  }, 60_000);
});
