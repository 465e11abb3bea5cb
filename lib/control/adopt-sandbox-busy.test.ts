import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTestSchema } from '../testing/test-pg';
import { TEACHING_INDEXES } from '../db/schema';
import { expectRebuilt, heldBack, inspect, learnerOn, node, twoNodes, type Node } from '../testing/adopt-fixture';
import { ASK_GAP_MS, MOVE_AFTER_MS } from './adopt-sandbox';
import { LabUnavailableError } from '../workers/lab-unavailable';
import type { LabHost } from '../lab-server/host';

/** Two nodes over one PostgreSQL schema (lib/testing/adopt-fixture.ts): takeovers when the builder is busy, slow or the holder alive. */
const db = await pgTestSchema('adopt_busy');
afterAll(async () => db?.drop());

describe.skipIf(!db)('taking a sandbox over when the builder is busy or the holder alive', () => {
  let a: Node;
  let b: Node;
  beforeAll(async () => void ({ a, b } = await twoNodes(db!)), 30_000);
  afterAll(async () => void (await Promise.all([a?.stop(), b?.stop()])));

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
    // A node of its own: the tests above leave node B's one index builder busy with their
    // background replays, and this test is about the wait, not about a queue behind them.
    const c = await node(db!, 'node-c');
    const { lab: gated, open } = heldBack(c.lab, 'sqlIndexStatement');
    // The learner's first request starts the takeover; whether it is answered in time depends on
    // how fast this machine makes the copy, so only what follows is asserted: once the copy is
    // held, with its console index build held back, the learner is served, not answered 503.
    const onC = c.adopterOver(c.repo, { lab: gated, waitMs: 1_000 });
    void onC.adopt(record).catch(() => {});
    await expect.poll(() => c.repo.sandboxes.holder(record.id), { timeout: 30_000 }).toBe('node-c');
    await onC.adopt(record);
    expect(onC.holds(record.id)).toBe(true);
    expect(inspect(c, record.id).indexes).toHaveLength(1); // the console index is still waiting
    open();
    try {
      await expect.poll(() => inspect(c, record.id).indexes, { timeout: 30_000 }).toHaveLength(2);
      expectRebuilt(inspect(c, record.id));
    } finally {
      await c.stop();
    }
  }, 60_000);
});
