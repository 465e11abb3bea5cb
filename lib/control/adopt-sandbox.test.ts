import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSandbox, openAppDb } from '../db/app-db';
import { openDatabase } from '../db/open';
import { sandboxPath } from '../db/sandboxes';
import { TEACHING_INDEXES } from '../db/schema';
import { DEFAULT_SETTINGS, mergeSettings } from '../knobs/schema';
import { readSettings } from '../knobs/store';
import type { LabHost } from '../lab-server/host';
import type { ControlStore } from './ports';
import { startInProcessLabHost } from '../lab-server/in-process-host';
import { migrate } from '../store/pg/migrate';
import { withNodeCache } from '../store/node-cache';
import { pgRepository } from '../store/pg/repository';
import { createTestDataDir, TEST_SCALE } from '../testing/test-env';
import { pgTestSchema } from '../testing/test-pg';
import { NO_CONSOLE_INDEXES } from '../sql-console/console-indexes';
import { TEACHING_TABLES } from '../sql-console/guard';
import { ASK_GAP_MS, createSandboxAdopter, MOVE_AFTER_MS, TRUST_MS } from './adopt-sandbox';
import { recordConsoleIndex } from './console-indexes';
import { LabUnavailableError } from '../workers/lab-unavailable';

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

type Node = Awaited<ReturnType<typeof node>>;

/** A node's lab server whose calls of one method wait until open() is called. */
function heldBack(lab: LabHost, held: string) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const call: LabHost['call'] = (method, args, ms) =>
    method === held ? gate.then(() => lab.call(method, args, ms)) : lab.call(method, args, ms);
  return { lab: { ...lab, call } as LabHost, open };
}

/** A learner made on node A: cursor pagination, a teaching index from the knobs, and indexes typed in A's SQL console. */
async function learnerOn(a: Node) {
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
function inspect(n: Node, sandboxId: string) {
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
function expectRebuilt(seen: ReturnType<typeof inspect>) {
  expect(seen.pagination).toBe('cursor');
  expect(seen.indexes).toEqual([
    'idx_console_status: CREATE INDEX idx_console_status on orders (status, created_at)',
    `idx_user_email: ${TEACHING_INDEXES.idx_user_email}`,
  ]);
}

describe.skipIf(!db)('taking a sandbox over from another node', () => {
  let a: Node;
  let b: Node;
  beforeAll(async () => {
    await migrate(db!.pool({ max: 1 }));
    a = await node('node-a');
    b = await node('node-b');
  }, 30_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('mirrors the learner and knobs, rebuilds their teaching and console indexes on a fresh copy, and records the move once', async () => {
    const record = await learnerOn(a);
    // A's own copy: the console's index is there, the one made and dropped again is not.
    expect(inspect(a, record.id).indexes).toEqual([
      'idx_console_status: CREATE INDEX idx_console_status on orders (status, created_at)',
    ]);
    // Node A's cache has what its lab server reads; node B knows nothing of the learner yet.
    expect(findSandbox(a.appDb, record.id)).toBeDefined();
    expect(findSandbox(b.appDb, record.id)).toBeUndefined();

    // The lesson page fires several requests at once: one takeover serves them all.
    b.calls.length = 0;
    await Promise.all([b.adopter.adopt(record), b.adopter.adopt(record), b.adopter.adopt(record)]);
    expect(b.calls).toEqual(['resetSandbox', 'applyKnobs', 'sqlIndexStatement']);
    expect(findSandbox(b.appDb, record.id)?.learnerId).toBe(record.learnerId);
    expectRebuilt(inspect(b, record.id));
    expect(await b.repo.sandboxes.holder(record.id)).toBe('node-b');
    expect(await b.repo.sandboxes.moved(record.id)).toMatchObject({ from: 'node-a' });
    expect(b.adopter.holds(record.id)).toBe(true);

    // Held now: later requests cost one read of the holder row, and no work in the lab server.
    await b.adopter.adopt(record);
    expect(b.calls).toHaveLength(3);
    // Node A never took it back by itself; it does when the learner returns there.
    expect(a.adopter.holds(record.id)).toBe(false);
    a.calls.length = 0;
    await a.adopter.adopt(record);
    expect(a.calls).toEqual(['resetSandbox', 'applyKnobs', 'sqlIndexStatement']);
    expectRebuilt(inspect(a, record.id));
    expect(await a.repo.sandboxes.moved(record.id)).toMatchObject({ from: 'node-b' });
    expect(fs.existsSync(path.join(a.dataDir, 'sandboxes', `${record.id}.db`))).toBe(true);
  }, 60_000);

  it('a node that lost the sandbox notices at its next control call or write; reads trust its check for TRUST_MS only', async () => {
    const record = await learnerOn(a);
    let t = Date.parse('2026-12-03T10:00:00Z');
    const onA = a.adopterOver(a.repo, { now: () => new Date(t) });
    await onA.adopt(record); // made on A: confirmed, nothing to do
    expect(onA.holds(record.id)).toBe(true);
    // A counted dead (its heartbeats did not reach PostgreSQL) while nginx still reaches it: B takes the sandbox over.
    await b.adopter.adopt(record);
    expect(await b.repo.sandboxes.holder(record.id)).toBe('node-b');
    t += 1_000;
    a.calls.length = 0;
    expect(onA.holds(record.id)).toBe(true); // a Shop API read here would still be served from A's copy
    await onA.adopt(record); // a control call or a write asks, and takes it back before it is served
    expect(a.calls).toEqual(['resetSandbox', 'applyKnobs', 'sqlIndexStatement']);
    expect(await a.repo.sandboxes.holder(record.id)).toBe('node-a');
    expectRebuilt(inspect(a, record.id));
    t += TRUST_MS - 1;
    expect(onA.holds(record.id)).toBe(true);
    t += 1;
    expect(onA.holds(record.id)).toBe(false);
  }, 60_000);

  it('a builder that answers busy does not fail the takeover: the copy is held, and the console indexes are built on a later call', async () => {
    const record = await learnerOn(a);
    let busy = true;
    const lab: LabHost = {
      ...b.lab,
      call: (method, args, ms) =>
        method === 'sqlIndexStatement' && busy
          ? (b.calls.push(method),
            Promise.resolve({ ok: false, code: 'locked', message: 'the index builder is busy' }) as ReturnType<
              LabHost['call']
            >)
          : b.lab.call(method, args, ms),
    };
    const onB = b.adopterOver(b.repo, { lab });
    b.calls.length = 0;
    await onB.adopt(record); // before: a plain Error, a bare 500, and the next request reset the copy again
    expect(await b.repo.sandboxes.holder(record.id)).toBe('node-b');
    expect(onB.holds(record.id)).toBe(true);
    expect(inspect(b, record.id).indexes).toEqual([`idx_user_email: ${TEACHING_INDEXES.idx_user_email}`]);
    busy = false;
    await onB.adopt(record); // held: no second copy, the console indexes are tried again
    await expect.poll(() => inspect(b, record.id).indexes).toHaveLength(2);
    expectRebuilt(inspect(b, record.id));
    expect(b.calls.filter((c) => c === 'resetSandbox')).toHaveLength(1);
  }, 60_000);

  it('a takeover that fails or outlasts the wait answers LabUnavailableError (503), and a slow one goes on in the background', async () => {
    const broken = await learnerOn(a);
    const failing: LabHost = {
      ...b.lab,
      call: (method, args, ms) =>
        method === 'applyKnobs' ? Promise.reject(new Error('schema change busy')) : b.lab.call(method, args, ms),
    };
    const err = await b
      .adopterOver(b.repo, { lab: failing })
      .adopt(broken)
      .catch((e: unknown) => e);
    expect(LabUnavailableError.is(err)).toBe(true);
    expect(await b.repo.sandboxes.holder(broken.id)).toBe('node-a');

    const slow = await learnerOn(a);
    const { lab: gated, open } = heldBack(b.lab, 'resetSandbox');
    const onB = b.adopterOver(b.repo, { lab: gated, waitMs: 50 });
    b.calls.length = 0;
    const late = await onB.adopt(slow).catch((e: unknown) => e);
    expect(LabUnavailableError.is(late) && late.reason).toBe('timeout');
    const again = onB.adopt(slow); // the same takeover, not a second one
    open();
    await again.catch(() => {}); // it may time out too on a slow machine: what matters is where it ends
    await expect.poll(() => b.repo.sandboxes.holder(slow.id), { timeout: 30_000 }).toBe('node-b');
    expect(b.calls.filter((c) => c === 'resetSandbox')).toHaveLength(1);
  }, 60_000);

  it('a live holder keeps its sandbox: one retried request is answered 503, a learner the ring moved is taken over', async () => {
    const record = await learnerOn(a);
    let t = Date.parse('2026-12-03T11:00:00Z');
    const onB = b.adopterOver(b.repo, { now: () => new Date(t), alive: async (id) => id === 'node-a' });
    b.calls.length = 0;
    // Before: B reset the copy for one GET that nginx retried there, and A's next write took it back.
    const err = await onB.adopt(record).catch((e: unknown) => e);
    expect(LabUnavailableError.is(err)).toBe(true);
    expect(await b.repo.sandboxes.holder(record.id)).toBe('node-a');
    // Asks that keep coming, each less than ASK_GAP_MS apart, until MOVE_AFTER_MS: then it moves.
    // The first of them comes after a long gap, so it starts the count again.
    const refused: number[] = [];
    for (let n = 0, start = (t += ASK_GAP_MS + 1); n < 10; n++, t += MOVE_AFTER_MS / 3) {
      if (
        await onB.adopt(record).then(
          () => true,
          () => false,
        )
      )
        break;
      refused.push(t - start);
      expect(b.calls).toEqual([]);
    }
    expect(refused).toEqual([0, MOVE_AFTER_MS / 3, (2 * MOVE_AFTER_MS) / 3]);
    expect(await b.repo.sandboxes.holder(record.id)).toBe('node-b');
    expectRebuilt(inspect(b, record.id));
  }, 60_000);

  it('a held copy whose console indexes are still building is served after the wait, not answered 503', async () => {
    const record = await learnerOn(a);
    const { lab: gated, open } = heldBack(b.lab, 'sqlIndexStatement');
    const onB = b.adopterOver(b.repo, { lab: gated, waitMs: 50 });
    await onB.adopt(record); // before: rejected with 'timeout' while the copy was already held
    expect(await b.repo.sandboxes.holder(record.id)).toBe('node-b');
    expect(onB.holds(record.id)).toBe(true);
    open();
    await expect.poll(() => inspect(b, record.id).indexes, { timeout: 30_000 }).toHaveLength(2);
    expectRebuilt(inspect(b, record.id));
  }, 60_000);

  // Controls: the same scenario and the same check against adopters that forget part of the
  // learner, to show the check catches each (the first is this code before console indexes were recorded).
  const forgetful: [string, (r: ControlStore) => ControlStore][] = [
    [
      'the console-made indexes',
      (r) => ({ ...r, sandboxes: { ...r.sandboxes, consoleIndexes: async () => NO_CONSOLE_INDEXES } }),
    ],
    ['the teaching indexes', (r) => ({ ...r, sandboxes: { ...r.sandboxes, indexes: async () => [] } })],
    ['the knobs', (r) => ({ ...r, settings: { ...r.settings, read: async () => DEFAULT_SETTINGS } })],
  ];
  it.each(forgetful)(
    'control: the same check fails when the adopter forgets %s',
    async (_, view) => {
      const record = await learnerOn(a);
      await b.adopterOver(view(b.repo)).adopt(record);
      expect(() => expectRebuilt(inspect(b, record.id))).toThrow();
    },
    60_000,
  );
});
