import { markSandboxReset, registerSandbox, setSandboxIndexes, touchSandbox, type SandboxRecord } from '../db/app-db';
import type { Db } from '../db/open';
import { writeSettings } from '../knobs/store';
import type { Repository } from './repository';

/**
 * Cluster mode's repository for the main thread: PostgreSQL stays the truth, and every write
 * the lab server's thread needs to see (a new learner and sandbox, knobs, resets, last use) is
 * also written to this node's app.db, the local cache that thread reads synchronously.
 * Sandboxes that arrive from another node are mirrored by lib/control/adopt-sandbox.ts.
 */
export function withNodeCache(repo: Repository, appDb: Db): Repository {
  return {
    ...repo,
    learners: {
      ...repo.learners,
      async createWithSandbox(now): Promise<SandboxRecord> {
        const record = await repo.learners.createWithSandbox(now);
        registerSandbox(appDb, record.learnerId, record.id, now);
        return record;
      },
    },
    sandboxes: {
      ...repo.sandboxes,
      async markReset(id, now) {
        await repo.sandboxes.markReset(id, now);
        markSandboxReset(appDb, id, now);
      },
      async touch(id, now) {
        await repo.sandboxes.touch(id, now);
        touchSandbox(appDb, id, now);
      },
      async setIndexes(id, names) {
        await repo.sandboxes.setIndexes(id, names);
        setSandboxIndexes(appDb, id, names);
      },
    },
    settings: {
      ...repo.settings,
      async write(id, settings, now) {
        await repo.settings.write(id, settings, now);
        writeSettings(appDb, id, settings, now);
      },
    },
  };
}
