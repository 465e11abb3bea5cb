import { expect } from 'vitest';
import { openAppDb } from '../db/app-db';
import { openDatabase } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import { TEACHING_INDEXES } from '../db/schema';
import { DEFAULT_SETTINGS, mergeSettings } from '../knobs/schema';
import { readSettings } from '../knobs/store';
import type { LabHost } from '../lab-server/host';
import type { ControlStore } from '../control/ports';
import { startInProcessLabHost } from '../lab-server/in-process-host';
import { withNodeCache } from '../store/node-cache';
import { migrate } from '../store/pg/migrate';
import { pgRepository } from '../store/pg/repository';
import { createTestDataDir, TEST_SCALE } from './test-env';
import type { PgTestSchema } from './test-pg';
import { TEACHING_TABLES } from '../sql-console/guard';
import { createSandboxAdopter } from '../control/adopt-sandbox';
import { recordConsoleIndex } from '../control/console-indexes';

/**
 * Two nodes in one process (each its own data dir, app.db and real lab server) over one real
 * PostgreSQL schema: what node B does with a learner that node A made. Shared by
 * lib/control/adopt-sandbox*.test.ts.
 */
export async function node(db: PgTestSchema, id: string) {
  const data = createTestDataDir();
  const secret = new TextEncoder().encode('a'.repeat(48));
  const lab = await startInProcessLabHost({ dataDir: data.dataDir, scale: TEST_SCALE, secret });
  const calls: string[] = [];
  const counted: LabHost = { ...lab, call: (method, args, ms) => (calls.push(method), lab.call(method, args, ms)) };
  const appDb = openAppDb(data.dataDir);
  const repo = withNodeCache(pgRepository({ pool: db.pool({ max: 2 }), nodeId: id }), appDb);
  // The node registry's answer: by default every other node counts as dead (its learners are taken over).
  const alive = async () => false;
  const adopter = createSandboxAdopter({ appDb, dataDir: data.dataDir, repo, nodeId: id, lab: () => counted, alive });
  // The same node with an adopter over another view of the store (the controls below).
  const adopterOver = (
    view: ControlStore,
    o: { now?: () => Date; lab?: LabHost; waitMs?: number; alive?: (id: string) => Promise<boolean> } = {},
  ) =>
    createSandboxAdopter({
      appDb,
      dataDir: data.dataDir,
      repo: view,
      nodeId: id,
      lab: () => o.lab ?? counted,
      alive: o.alive ?? alive,
      now: o.now,
      waitMs: o.waitMs,
    });
  return {
    id,
    appDb,
    repo,
    lab: counted,
    adopter,
    adopterOver,
    calls,
    dataDir: data.dataDir,
    async stop() {
      await lab.stop();
      appDb.close();
      data.cleanup();
    },
  };
}

export type Node = Awaited<ReturnType<typeof node>>;

/** A node's lab server whose calls of one method wait until open() is called. */
export function heldBack(lab: LabHost, held: string) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const call: LabHost['call'] = (method, args, ms) =>
    method === held ? gate.then(() => lab.call(method, args, ms)) : lab.call(method, args, ms);
  return { lab: { ...lab, call } as LabHost, open };
}

/** A learner made on node A: cursor pagination, a teaching index from the knobs, and indexes typed in A's SQL console. */
export async function learnerOn(a: Node) {
  const record = await a.repo.learners.createWithSandbox(new Date('2026-12-03T09:00:00Z'));
  await a.repo.settings.write(
    record.id,
    mergeSettings(DEFAULT_SETTINGS, { pagination: { mode: 'cursor' } }),
    new Date(),
  );
  await a.repo.sandboxes.setIndexes(record.id, ['idx_user_email']);
  // What POST /api/lab/sql does with an index statement: the lab server builds it, then it is recorded.
  for (const sql of [
    'create index if not exists idx_console_status on orders (status, created_at)',
    'CREATE INDEX idx_console_gone ON products(category)',
    'DROP INDEX idx_console_gone',
  ]) {
    const out = await a.lab.call('sqlIndexStatement', { sandboxId: record.id, sql });
    if (!out.ok || !out.result.index) throw new Error(`${sql}: ${JSON.stringify(out)}`);
    await recordConsoleIndex(a.repo, record.id, out.result.index);
  }
  return record;
}

/** What a node's copy of the sandbox holds: its knobs in app.db and the indexes on the Shop's tables. */
export function inspect(n: Node, sandboxId: string) {
  const file = openDatabase(sandboxPath(n.dataDir, sandboxId), { readonly: true });
  try {
    const indexes = (
      file
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${TEACHING_TABLES.map((t) => `'${t}'`).join(', ')}) ORDER BY name`,
        )
        .all() as {
        name: string;
        sql: string;
      }[]
    ).map((r) => `${r.name}: ${r.sql}`);
    return { pagination: readSettings(n.appDb, sandboxId).pagination.mode, indexes };
  } finally {
    file.close();
  }
}

/** The check that a move kept everything a learner set up: run on the real adopter and on broken ones. */
export function expectRebuilt(seen: ReturnType<typeof inspect>) {
  expect(seen.pagination).toBe('cursor');
  expect(seen.indexes).toEqual([
    'idx_console_status: CREATE INDEX idx_console_status on orders (status, created_at)',
    `idx_user_email: ${TEACHING_INDEXES.idx_user_email}`,
  ]);
}

/** Nodes A and B over the schema, migrated: the setup every adopt-sandbox test file starts from. */
export async function twoNodes(db: PgTestSchema): Promise<{ a: Node; b: Node }> {
  await migrate(db.pool({ max: 1 }));
  return { a: await node(db, 'node-a'), b: await node(db, 'node-b') };
}
