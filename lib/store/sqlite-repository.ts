import {
  createLearnerWithSandbox,
  sandboxIndexes,
  setSandboxIndexes,
  findSandbox,
  listLearners,
  markPresence,
  markSandboxReset,
  setNickname,
  touchSandbox,
} from '../db/app-db';
import { prepareCached, type Db } from '../db/open';
import { readSettings, writeSettings } from '../knobs/store';
import { consoleIndexesFromJson, consoleIndexesToJson } from '../sql-console/console-indexes';
import { lessonEpoch, markLessonEpoch } from '../lessons/epoch';
import { progressItems, saveProgressItem } from '../lessons/progress';
import { finishRun, getRun, insertRun, listLessonRuns, listRuns } from '../runs/store';
import type { Repository } from './repository';

/**
 * The embedded default: app.db on this node's disk. It delegates to the modules that have always
 * owned these tables, so today's callers and this adapter cannot drift apart while callers move
 * to the repository one by one. Every method answers synchronously inside a resolved promise.
 */
export function sqliteRepository(db: Db, opts: { nodeId?: string | null } = {}): Repository {
  // app.db is this node's own file: every sandbox it lists lives on this node.
  const nodeId = opts.nodeId ?? null;
  // Resolves with what the synchronous call returned (or rejects with what it threw).
  const sync = async <T>(fn: () => T): Promise<T> => fn();
  return {
    kind: 'sqlite',
    learners: {
      createWithSandbox: (at) => sync(() => createLearnerWithSandbox(db, at)),
      list: () => sync(() => listLearners(db).map((l) => ({ ...l, node_id: nodeId }))),
      setNickname: (learnerId, nickname) => sync(() => setNickname(db, learnerId, nickname)),
      markPresence: (learnerId, lesson, at) => sync(() => markPresence(db, learnerId, lesson, at)),
    },
    sandboxes: {
      find: (id) => sync(() => findSandbox(db, id)),
      markReset: (id, at) => sync(() => markSandboxReset(db, id, at)),
      touch: (id, at) => sync(() => touchSandbox(db, id, at)),
      idleSince: (cutoff) =>
        sync(() =>
          (
            prepareCached(db, 'SELECT id FROM sandboxes WHERE last_used_at < ? ORDER BY id').all(
              cutoff.toISOString(),
            ) as { id: string }[]
          ).map((r) => r.id),
        ),
      count: () => sync(() => (prepareCached(db, 'SELECT count(*) AS n FROM sandboxes').get() as { n: number }).n),
      indexes: (id) => sync(() => sandboxIndexes(db, id)),
      setIndexes: (id, names) => sync(() => setSandboxIndexes(db, id, names)),
      consoleIndexes: (id) =>
        sync(() => {
          const row = prepareCached(db, 'SELECT console_indexes FROM sandboxes WHERE id = ?').get(id) as
            { console_indexes: string | null } | undefined;
          return consoleIndexesFromJson(row?.console_indexes);
        }),
      setConsoleIndexes: (id, state) =>
        sync(() => {
          prepareCached(db, 'UPDATE sandboxes SET console_indexes = ? WHERE id = ?').run(
            consoleIndexesToJson(state),
            id,
          );
        }),
      // One node: every sandbox is held here and never moves.
      holder: async () => null,
      hold: async () => null,
      moved: async () => null,
    },
    settings: {
      read: (sandboxId) => sync(() => readSettings(db, sandboxId)),
      write: (sandboxId, settings, at) => sync(() => writeSettings(db, sandboxId, settings, at)),
    },
    runs: {
      insert: (learnerId, sandboxId, run) => sync(() => insertRun(db, learnerId, sandboxId, run)),
      finish: (run) => sync(() => finishRun(db, run)),
      get: (learnerId, runId) => sync(() => getRun(db, learnerId, runId)),
      list: (learnerId, limit, after) => sync(() => listRuns(db, learnerId, limit, after)),
      listForLesson: (learnerId, lesson, since, limit) =>
        sync(() => listLessonRuns(db, learnerId, lesson, since, limit)),
      // One node: every run still "running" belonged to a process that is gone.
      failRunning: (reason, at) =>
        sync(
          () =>
            prepareCached(
              db,
              `UPDATE runs SET status = 'failed', ended_at = ?, error = ? WHERE status = 'running'`,
            ).run(at.toISOString(), reason).changes,
        ),
    },
    progress: {
      list: (learnerId, lesson) => sync(() => progressItems(db, learnerId, lesson)),
      put: (learnerId, items) =>
        sync(() =>
          db.transaction(() => {
            for (const item of items) saveProgressItem(db, learnerId, item);
          })(),
        ),
    },
    epochs: {
      get: (learnerId, lesson) => sync(() => lessonEpoch(db, learnerId, lesson)),
      mark: (learnerId, lesson, at) => sync(() => markLessonEpoch(db, learnerId, lesson, at)),
    },
    workshop: {
      get: (key) =>
        sync(() => {
          const row = prepareCached(db, 'SELECT value FROM workshop WHERE key = ?').get(key) as
            { value: string } | undefined;
          return row ? (JSON.parse(row.value) as unknown) : null;
        }),
      set: (key, value) =>
        sync(() => {
          if (value === null) prepareCached(db, 'DELETE FROM workshop WHERE key = ?').run(key);
          else
            prepareCached(
              db,
              'INSERT INTO workshop (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
            ).run(key, JSON.stringify(value));
        }),
    },
    // The database handle belongs to the runtime that opened it.
    close: async () => {},
  };
}
