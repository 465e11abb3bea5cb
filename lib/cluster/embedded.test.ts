import { describe, expect, it } from 'vitest';
import { openCluster } from './index';

describe('embedded cluster (one process, no database)', () => {
  it('never counts its only node dead: a run can reserve after any pause of the heartbeat timer', async () => {
    const cluster = await openCluster(
      {
        mode: 'embedded',
        databaseUrl: null,
        nodeId: 'solo',
        nodeAddress: 'http://127.0.0.1:3000',
        heartbeatMs: 60_000,
        deadAfterMs: 50,
        signalPollMs: 1_000,
      },
      { stats: () => ({ cpuPct: 0, runs: 0, sandboxes: 0, diskBytes: 0 }) },
    );
    try {
      // Longer than the dead limit with no heartbeat (the next is a minute away), as when a busy
      // event loop holds the heartbeat timer back.
      await new Promise((r) => setTimeout(r, 200));
      const res = await cluster.budget.reserve({
        runId: 'run-1',
        nodeId: 'solo',
        learnerId: 'lrn-1',
        requested: 10,
        totalRate: 100,
        maxRuns: 4,
      });
      expect(res).toMatchObject({ ok: true, granted: 10 });
      expect((await cluster.nodes.list()).map((n) => [n.id, n.alive])).toEqual([['solo', true]]);
    } finally {
      await cluster.close();
    }
  });
});
