import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTestSchema } from '../testing/test-pg';
import { DEFAULT_SETTINGS } from '../knobs/schema';
import { expectRebuilt, inspect, learnerOn, twoNodes, type Node } from '../testing/adopt-fixture';
import fs from 'node:fs';
import path from 'node:path';
import { findSandbox } from '../db/app-db';
import type { ControlStore } from './ports';
import { NO_CONSOLE_INDEXES } from '../sql-console/console-indexes';
import { TRUST_MS } from './adopt-sandbox';

/** Two nodes over one PostgreSQL schema (lib/testing/adopt-fixture.ts): a takeover keeps what the learner set up. */
const db = await pgTestSchema('adopt');
afterAll(async () => db?.drop());

describe.skipIf(!db)('taking a sandbox over from another node', () => {
  let a: Node;
  let b: Node;
  beforeAll(async () => void ({ a, b } = await twoNodes(db!)), 30_000);
  afterAll(async () => void (await Promise.all([a?.stop(), b?.stop()])));

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
