import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSandbox, openAppDb } from '../db/app-db';
import { openDatabase } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import { TEACHING_INDEXES } from '../db/schema';
import { DEFAULT_SETTINGS, mergeSettings } from '../knobs/schema';
import { readSettings } from '../knobs/store';
import type { LabHost } from '../lab-server/host';
import { startInProcessLabHost } from '../lab-server/in-process-host';
import { migrate } from '../store/pg/migrate';
import { withNodeCache } from '../store/node-cache';
import { pgRepository } from '../store/pg/repository';
import { createTestDataDir, TEST_SCALE } from '../testing/test-env';
import { pgTestSchema } from '../testing/test-pg';
import { createSandboxAdopter } from './adopt-sandbox';

/**
 * Two nodes in one process (each its own data dir, app.db and real lab server) over one real
 * PostgreSQL schema: what node B does with a learner that node A made.
 */
const db = await pgTestSchema('adopt');
afterAll(async () => db?.drop());

async function node(id: string) {
  const data = createTestDataDir();
  const secret = new TextEncoder().encode('a'.repeat(48));
  const lab = await startInProcessLabHost({ dataDir: data.dataDir, scale: TEST_SCALE, secret });
  const calls: string[] = [];
  const counted: LabHost = { ...lab, call: (method, args, ms) => (calls.push(method), lab.call(method, args, ms)) };
  const appDb = openAppDb(data.dataDir);
  const repo = withNodeCache(pgRepository({ pool: db!.pool({ max: 2 }), nodeId: id }), appDb);
  const adopter = createSandboxAdopter({ appDb, dataDir: data.dataDir, repo, nodeId: id, lab: () => counted });
  return {
    id,
    appDb,
    repo,
    adopter,
    calls,
    dataDir: data.dataDir,
    async stop() {
      await lab.stop();
      appDb.close();
      data.cleanup();
    },
  };
}

describe.skipIf(!db)('taking a sandbox over from another node', () => {
  it('mirrors the learner and knobs, rebuilds their indexes on a fresh copy, and records the move once', async () => {
    await migrate(db!.pool({ max: 1 }));
    const a = await node('node-a');
    const b = await node('node-b');
    try {
      const record = await a.repo.learners.createWithSandbox(new Date('2026-12-03T09:00:00Z'));
      const settings = mergeSettings(DEFAULT_SETTINGS, { pagination: { mode: 'cursor' } });
      await a.repo.settings.write(record.id, settings, new Date());
      await a.repo.sandboxes.setIndexes(record.id, ['idx_user_email']);
      // Node A's cache has what its lab server reads; node B knows nothing of the learner yet.
      expect(findSandbox(a.appDb, record.id)).toBeDefined();
      expect(findSandbox(b.appDb, record.id)).toBeUndefined();

      // The lesson page fires several requests at once: one takeover serves them all.
      await Promise.all([b.adopter.adopt(record), b.adopter.adopt(record), b.adopter.adopt(record)]);
      expect(b.calls).toEqual(['resetSandbox', 'applyKnobs']);
      expect(findSandbox(b.appDb, record.id)?.learnerId).toBe(record.learnerId);
      expect(readSettings(b.appDb, record.id).pagination.mode).toBe('cursor');
      const file = openDatabase(sandboxPath(b.dataDir, record.id), { readonly: true });
      try {
        const names = (file.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[])
          .map((r) => r.name)
          .filter((n) => n in TEACHING_INDEXES);
        expect(names).toEqual(['idx_user_email']);
      } finally {
        file.close();
      }
      expect(await b.repo.sandboxes.holder(record.id)).toBe('node-b');
      expect(await b.repo.sandboxes.moved(record.id)).toMatchObject({ from: 'node-a' });
      expect(b.adopter.holds(record.id)).toBe(true);

      // Held now: later requests cost nothing.
      await b.adopter.adopt(record);
      expect(b.calls).toHaveLength(2);
      // Node A never took it back by itself; it does when the learner returns there.
      expect(a.adopter.holds(record.id)).toBe(false);
      await a.adopter.adopt(record);
      expect(a.calls).toEqual(['resetSandbox', 'applyKnobs']);
      expect(await a.repo.sandboxes.moved(record.id)).toMatchObject({ from: 'node-b' });
      expect(fs.existsSync(path.join(a.dataDir, 'sandboxes', `${record.id}.db`))).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
