import { afterAll, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from './heartbeat';
import type { DeliveredSignal, NodeRegistry, RateBudget, SignalBus } from './types';

/**
 * One contract for both implementations of the cluster primitives (in-process and PostgreSQL):
 * memory.test.ts and pg.test.ts run this same suite, so the embedded default and cluster mode
 * cannot drift apart. Each simulated node gets its own handles, as separate processes would.
 */
export type ClusterHarness = {
  /** A node's view of the shared backend. */
  node(id: string): Promise<{ nodes: NodeRegistry; signals: SignalBus; budget: RateBudget }>;
  deadAfterMs: number;
  close(): Promise<void>;
};

const stats = { cpuPct: 12.5, runs: 1, sandboxes: 3, diskBytes: 5_000_000_000 };
const hb = (id: string) => ({ id, address: `http://10.0.0.${id.length}:3000`, ...stats });
const limits = { totalRate: 1000, maxRuns: 10 };
let nextRun = 0;
const run = () => `run_${++nextRun}`;

export function describeClusterContract(name: string, make: () => Promise<ClusterHarness>) {
  describe(`cluster contract: ${name}`, () => {
    let h: ClusterHarness;
    const harness = async () => (h ??= await make());
    afterAll(async () => h?.close());

    it('registry: lists nodes with their stats, alive, sorted by id; leave removes one', async () => {
      const b = await (await harness()).node('reg-b');
      const a = await h.node('reg-a');
      await b.nodes.join(hb('reg-b'));
      await a.nodes.join(hb('reg-a'));
      const listed = (await a.nodes.list()).filter((n) => n.id.startsWith('reg-'));
      expect(listed.map((n) => n.id)).toEqual(['reg-a', 'reg-b']);
      expect(listed[0]).toMatchObject({ ...hb('reg-a'), alive: true });
      expect(listed[0]!.heartbeatAgeMs).toBeLessThan(h.deadAfterMs);
      await b.nodes.leave('reg-b');
      expect((await a.nodes.list()).map((n) => n.id)).not.toContain('reg-b');
    });

    it('registry: a node whose heartbeat stops turns dead, and alive again on its next heartbeat', async () => {
      const n = await (await harness()).node('reg-dying');
      await n.nodes.join(hb('reg-dying'));
      const first = (await n.nodes.list()).find((x) => x.id === 'reg-dying')!;
      await vi.waitFor(
        async () => expect((await n.nodes.list()).find((x) => x.id === 'reg-dying')?.alive).toBe(false),
        { timeout: h.deadAfterMs * 4, interval: 100 },
      );
      await n.nodes.heartbeat({ ...hb('reg-dying'), runs: 7 });
      const back = (await n.nodes.list()).find((x) => x.id === 'reg-dying')!;
      expect(back).toMatchObject({ alive: true, runs: 7, startedAt: first.startedAt });
    });

    it('signals: every node, the publisher too, gets each signal once and in order', async () => {
      const nodes = await Promise.all(['sig-a', 'sig-b', 'sig-c'].map(async (id) => (await harness()).node(id)));
      const got = nodes.map(() => [] as DeliveredSignal[]);
      const sentAt = new Map<string, number>();
      const latencyMs: number[] = [];
      const offs = nodes.map((n, i) =>
        n.signals.subscribe((d) => {
          got[i]!.push(d);
          if (d.signal.type === 'stop-all') latencyMs.push(performance.now() - sentAt.get(d.signal.reason)!);
        }),
      );
      const publishFive = async (n: (typeof nodes)[number], prefix: string) => {
        for (let i = 0; i < 5; i++) {
          sentAt.set(`${prefix}${i}`, performance.now());
          await n.signals.publish({ type: 'stop-all', reason: `${prefix}${i}` });
        }
      };
      // Two publishers at once: everyone must still agree on one order.
      await Promise.all([publishFive(nodes[0]!, 'a'), publishFive(nodes[1]!, 'b')]);
      await vi.waitFor(() => expect(got.map((g) => g.length)).toEqual([10, 10, 10]), { timeout: 5_000, interval: 20 });
      // The promise to the room: every node hears every signal within 2 s of its publishing.
      expect(Math.max(...latencyMs)).toBeLessThan(2_000);
      const order = (g: DeliveredSignal[]) => g.map((d) => (d.signal.type === 'stop-all' ? d.signal.reason : ''));
      expect(order(got[1]!)).toEqual(order(got[0]!));
      expect(order(got[2]!)).toEqual(order(got[0]!));
      expect(order(got[0]!).filter((r) => r.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
      expect(got[2]!.filter((d) => d.origin === 'sig-b')).toHaveLength(5);
      offs.forEach((off) => off());
    });

    it('signals: validates what is published, and one failing subscriber does not starve the rest', async () => {
      const n = await (await harness()).node('sig-v');
      // @ts-expect-error not a signal
      await expect(n.signals.publish({ type: 'self-destruct' })).rejects.toThrow();
      const seen: string[] = [];
      const offBad = n.signals.subscribe(() => {
        throw new Error('boom');
      });
      const off = n.signals.subscribe((d) => seen.push(d.signal.type));
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      await n.signals.publish({ type: 'pause' });
      await n.signals.publish({ type: 'caps', caps: { perLearnerRate: 100, totalRate: 900, maxRuns: 4 } });
      await vi.waitFor(() => expect(seen).toEqual(['pause', 'caps']), { timeout: 2_000, interval: 20 });
      warn.mockRestore();
      offBad();
      off();
    });

    it('budget: grants what fits, clamps to what is left, refuses when nothing is', async () => {
      const n = await (await harness()).node('bud-a');
      await n.nodes.join(hb('bud-a'));
      const r1 = await n.budget.reserve({ runId: run(), nodeId: 'bud-a', learnerId: 'l1', requested: 700, ...limits });
      expect(r1).toEqual({ ok: true, granted: 700, reason: null });
      const r2 = await n.budget.reserve({ runId: run(), nodeId: 'bud-a', learnerId: 'l2', requested: 500, ...limits });
      expect(r2).toMatchObject({ ok: true, granted: 300 });
      expect(r2.ok && r2.reason).toContain("share the room's 1000 req/s budget and 300 req/s of it was left");
      expect(
        await n.budget.reserve({ runId: run(), nodeId: 'bud-a', learnerId: 'l3', requested: 50, ...limits }),
      ).toEqual({ ok: false, reason: 'budget-full', usedRate: 1000 });
      // A closed-model run sends no fixed rate but still takes a run slot.
      expect(
        await n.budget.reserve({ runId: run(), nodeId: 'bud-a', learnerId: 'l4', requested: 0, ...limits }),
      ).toEqual({ ok: true, granted: 0, reason: null });
      expect((await n.budget.live()).reduce((s, r) => s + r.rate, 0)).toBe(1000);
      expect(await n.budget.releaseNode('bud-a')).toBe(3);
    });

    it('budget: one run per learner across nodes, a run-count cap, release frees, a policy is clamped', async () => {
      const a = await (await harness()).node('bud-b');
      const b = await h.node('bud-c');
      await a.nodes.join(hb('bud-b'));
      await b.nodes.join(hb('bud-c'));
      const first = run();
      await a.budget.reserve({ runId: first, nodeId: 'bud-b', learnerId: 'm1', requested: 100, ...limits });
      expect(
        await b.budget.reserve({ runId: run(), nodeId: 'bud-c', learnerId: 'm1', requested: 100, ...limits }),
      ).toEqual({ ok: false, reason: 'learner-busy', runId: first });
      expect(
        await b.budget.reserve({
          runId: run(),
          nodeId: 'bud-c',
          learnerId: 'm2',
          requested: 100,
          totalRate: 1000,
          maxRuns: 1,
        }),
      ).toEqual({ ok: false, reason: 'runs-full', liveRuns: 1 });
      const greedy = { policy: () => ({ granted: 5_000, reason: 'the policy is generous' }) };
      expect(
        await b.budget.reserve({
          runId: run(),
          nodeId: 'bud-c',
          learnerId: 'm2',
          requested: 2_000,
          ...limits,
          ...greedy,
        }),
      ).toMatchObject({ ok: true, granted: 900 });
      expect(await b.budget.release(first)).toBe(true);
      expect(await b.budget.release(first)).toBe(false);
      const fair = {
        policy: (asked: number, live: number[]) => ({
          granted: Math.min(asked, 1000 / (live.length + 1)),
          reason: 'an equal share',
        }),
      };
      // The policy offers 500, but only 100 is left: the budget clamps it.
      expect(
        await a.budget.reserve({ runId: run(), nodeId: 'bud-b', learnerId: 'm3', requested: 800, ...limits, ...fair }),
      ).toMatchObject({ ok: true, granted: 100 });
      await b.nodes.leave('bud-c'); // a clean shutdown releases its reservations at once
      expect(
        await a.budget.reserve({ runId: run(), nodeId: 'bud-b', learnerId: 'm4', requested: 800, ...limits, ...fair }),
      ).toEqual({ ok: true, granted: 500, reason: 'an equal share' });
      await a.budget.releaseNode('bud-b');
    });

    it("budget: a dead node's reservations are released, and a dead node cannot reserve", async () => {
      const live = await (await harness()).node('bud-live');
      const doomed = await h.node('bud-doomed');
      await doomed.nodes.join(hb('bud-doomed'));
      await doomed.budget.reserve({ runId: run(), nodeId: 'bud-doomed', learnerId: 'd1', requested: 1000, ...limits });
      await live.nodes.join(hb('bud-live'));
      expect(
        await live.budget.reserve({ runId: run(), nodeId: 'bud-live', learnerId: 'd2', requested: 10, ...limits }),
      ).toMatchObject({ ok: false, reason: 'budget-full' });
      await vi.waitFor(
        async () => expect((await live.nodes.list()).find((x) => x.id === 'bud-doomed')?.alive).toBe(false),
        { timeout: h.deadAfterMs * 4, interval: 100 },
      );
      await live.nodes.heartbeat(hb('bud-live'));
      expect(
        await live.budget.reserve({ runId: run(), nodeId: 'bud-live', learnerId: 'd2', requested: 1000, ...limits }),
      ).toEqual({ ok: true, granted: 1000, reason: null });
      await expect(
        doomed.budget.reserve({ runId: run(), nodeId: 'bud-doomed', learnerId: 'd3', requested: 1, ...limits }),
      ).rejects.toThrow(/no live heartbeat/);
      await live.budget.releaseNode('bud-live');
    });

    it('budget: concurrent reservations from three nodes never exceed the budget', async () => {
      const ids = ['con-a', 'con-b', 'con-c'];
      const nodes = await Promise.all(ids.map(async (id) => (await harness()).node(id)));
      await Promise.all(nodes.map((n, i) => n.nodes.join(hb(ids[i]!))));
      // Real nodes keep heart-beating while they reserve; 36 reservations taking turns can outlast deadAfterMs.
      const beats = nodes.map((n, i) =>
        startHeartbeat({
          nodes: n.nodes,
          self: () => hb(ids[i]!),
          intervalMs: h.deadAfterMs / 5,
          deadAfterMs: h.deadAfterMs,
        }),
      );
      const asks = nodes.flatMap((n, i) =>
        Array.from({ length: 12 }, (_, j) =>
          n.budget.reserve({
            runId: run(),
            nodeId: ids[i]!,
            learnerId: `${ids[i]}-${j}`,
            requested: 60 + ((i * 12 + j) % 5) * 20,
            totalRate: 1000,
            maxRuns: 100,
          }),
        ),
      );
      const results = await Promise.all(asks).finally(() => beats.forEach((b) => b.stop()));
      const granted = results.reduce((s, r) => s + (r.ok ? r.granted : 0), 0);
      const held = (await nodes[0]!.budget.live()).filter((r) => ids.includes(r.nodeId));
      expect(held.reduce((s, r) => s + r.rate, 0)).toBe(granted);
      expect(granted).toBe(1000); // 36 asks of 60..140 req/s oversubscribe it; every bit is handed out
      expect(results.some((r) => !r.ok)).toBe(true);
      await Promise.all(ids.map((id) => nodes[0]!.budget.releaseNode(id)));
    });
  });
}
