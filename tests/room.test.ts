import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryNodeRegistry, memoryRateBudget, memorySignalHub } from '@/lib/cluster/memory';
import { getLabHost } from '@/lib/lab-server/host';
import { verifyToken, type LearnerClaims } from '@/lib/learners/identity';
import { createLoadRunner } from '@/lib/load/runner';
import { loadProfileSchema } from '@/lib/load/profile';
import { followRoomSignals } from '@/lib/main-thread/room-signals';
import { appRuntime } from '@/lib/runtime';
import { sqliteRepository } from '@/lib/store/sqlite-repository';
import { createRunManager, type RunEvent, type RunManager } from '@/lib/runs/manager';
import type { LoadLimits } from '@/lib/runs/limits';
import { startTestLab } from '@/lib/testing/test-lab';

/**
 * One room, two run managers standing in for two nodes: they share a signal hub and a rate
 * budget as nodes share PostgreSQL (the in-process implementations keep the same contract), and
 * each fires real HTTP at the lab server on loopback. Pause on one stops the other's runs; the
 * runs of both together get no more than the room's budget, open or closed.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
const limits: LoadLimits = { maxRuns: 8, totalRate: 40, perLearnerRate: 40, paused: false };
let paused = false;
const hub = memorySignalHub();
const registry = memoryNodeRegistry({ deadAfterMs: 60_000 });
const budget = memoryRateBudget(registry);

function node(nodeId: string): RunManager {
  const rt = appRuntime();
  let manager: RunManager | null = null;
  const runner = createLoadRunner({ limits: { maxDurationSec: 30 } }, (e) => manager?.onWorkerEvent(e));
  manager = createRunManager({
    config: rt.config,
    runs: sqliteRepository(rt.appDb).runs,
    secret: rt.secret,
    lab: getLabHost,
    load: () => ({ send: (m) => (runner.handle(m), true), isUp: () => true, restarts: () => 0, stop: async () => {} }),
    limits: async () => ({ ...limits, paused }),
    budget: async () => ({ nodeId, budget }),
    knobs: async () => ({ settings: { pagination: { mode: 'offset' } }, indexes: [] }) as never,
  });
  followRoomSignals(hub.open(nodeId), manager);
  return manager;
}

let a: RunManager;
let b: RunManager;
const learners: LearnerClaims[] = [];

beforeAll(async () => {
  lab = await startTestLab('m');
  await registry.join({ id: 'node-a', address: 'http://a', cpuPct: 0, runs: 0, sandboxes: 0, diskBytes: 0 });
  await registry.join({ id: 'node-b', address: 'http://b', cpuPct: 0, runs: 0, sandboxes: 0, diskBytes: 0 });
  a = node('node-a');
  b = node('node-b');
  for (let i = 0; i < 3; i++) {
    const token = (await lab.claim()).authorization!.slice('Bearer '.length);
    const v = await verifyToken(token, lab.secret);
    if (!v.ok) throw new Error('claim failed');
    learners.push(v.claims);
  }
});
afterAll(() => lab.stop());

const open = (rate: number, durationSec = 2) =>
  loadProfileSchema.parse({
    model: 'constant-arrival',
    rate,
    durationSec,
    mix: [{ endpoint: 'product-by-id', weight: 1 }],
  });
const closed = (users: number, durationSec = 2) =>
  loadProfileSchema.parse({ model: 'virtual-users', users, thinkTimeMs: 0, durationSec });

/** Resolves with the final record when the run ends. */
function done(m: RunManager, who: LearnerClaims, runId: string) {
  return new Promise<Extract<RunEvent, { type: 'done' }>['run']>((resolve) => {
    const sub = m.subscribe(who.learnerId, runId, (e) => {
      if (e.type === 'done') resolve(e.run);
    });
    if (!sub) throw new Error(`run ${runId} is not live`);
  });
}

describe('one room over two nodes (in-process cluster primitives)', () => {
  it('shares the room budget fairly across nodes, open and closed runs alike, and releases it at the end', async () => {
    const [l0, l1, l2] = learners as [LearnerClaims, LearnerClaims, LearnerClaims];
    const first = await a.start(l0, open(25));
    expect(first).toMatchObject({ ok: true });
    // node-b's newcomer gets the fair share of what is left in the room, not node-b's own 40.
    const second = await b.start(l1, closed(20));
    expect(second.ok).toBe(true);
    const secondRun = second.ok ? second.run : null;
    expect(secondRun?.note).toContain('at most 15 req/s');
    expect((await budget.live()).reduce((s, r) => s + r.rate, 0)).toBe(40);
    // The room is spent: a third learner anywhere is refused at start.
    const third = await a.start(l2, open(5));
    expect(third).toMatchObject({ ok: false, reason: 'server-busy' });
    // The same learner cannot run on two nodes at once.
    expect(await b.start(l0, open(1))).toMatchObject({ ok: false, reason: 'learner-busy' });

    const [r1, r2] = await Promise.all([done(a, l0, first.ok ? first.run.id : ''), done(b, l1, secondRun?.id ?? '')]);
    const seconds = 2;
    const achieved = (r1.summary!.counts.sent + r2.summary!.counts.sent) / seconds;
    // The paced closed run sends at most its slot rate (+1 for the first slot).
    expect(achieved).toBeLessThanOrEqual(40 * 1.05 + 1);
    expect(await budget.live()).toEqual([]);
  });

  it('a pause published on one node stops the runs on the other and refuses new starts there', async () => {
    const [l0, l1] = learners as [LearnerClaims, LearnerClaims];
    const run = await b.start(l1, open(5, 20));
    expect(run.ok).toBe(true);
    const ended = done(b, l1, run.ok ? run.run.id : '');
    // What the instructor's route does: the state first (read at every start), then the signal.
    paused = true;
    await hub.open('node-a').publish({ type: 'pause' });
    const record = await ended;
    expect(record.status).toBe('stopped');
    expect(record.error).toContain('paused');
    expect(await a.start(l0, open(5))).toMatchObject({ ok: false, reason: 'paused' });
    paused = false;
    await hub.open('node-a').publish({ type: 'resume' });
    await new Promise((r) => setTimeout(r, 0));
    const again = await a.start(l0, open(5, 1));
    expect(again.ok).toBe(true);
    await done(a, l0, again.ok ? again.run.id : '');
  });

  it('a pause that arrives while a start waits on the budget refuses that start and releases its reservation', async () => {
    const [, , l2] = learners as [LearnerClaims, LearnerClaims, LearnerClaims];
    const starting = a.start(l2, open(5, 5));
    // The signal lands while start() awaits the limits and the reservation.
    a.setPaused(true, 'paused');
    expect(await starting).toMatchObject({ ok: false, reason: 'paused' });
    a.setPaused(false, '');
    await new Promise((r) => setTimeout(r, 10));
    expect(await budget.live()).toEqual([]);
  });
});
