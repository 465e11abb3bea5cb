import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from './heartbeat';
import { memoryNodeRegistry } from './memory';
import type { NodeRegistry } from './types';

const self = () => ({ id: 'n1', address: 'http://127.0.0.1:3301', cpuPct: 0, runs: 0, sandboxes: 0, diskBytes: 0 });

describe('heartbeat loop', () => {
  afterEach(() => vi.useRealTimers());

  it('beats every interval', async () => {
    vi.useFakeTimers();
    const nodes = memoryNodeRegistry({ deadAfterMs: 15_000 });
    const spy = vi.spyOn(nodes, 'heartbeat');
    const hb = startHeartbeat({ nodes, self, intervalMs: 5_000, deadAfterMs: 15_000 });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(spy).toHaveBeenCalledTimes(3);
    hb.stop();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('fences the node once heartbeats have failed for deadAfterMs, and says when they are back', async () => {
    let clock = 0;
    let down = true;
    const real = memoryNodeRegistry({ deadAfterMs: 15_000 });
    // The database is unreachable until `down` turns false.
    const nodes: NodeRegistry = {
      ...real,
      heartbeat: async (n) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : real.heartbeat(n)),
    };
    const events: string[] = [];
    const logs: string[] = [];
    const hb = startHeartbeat({
      nodes,
      self,
      intervalMs: 5_000,
      deadAfterMs: 15_000,
      now: () => clock,
      onLost: () => events.push('lost'),
      onRestored: () => events.push('restored'),
      log: (m) => logs.push(m),
    });
    for (const t of [5_000, 10_000]) {
      clock = t;
      expect(await hb.beatNow()).toBe(false);
    }
    expect(events).toEqual([]);
    clock = 15_000;
    await hb.beatNow();
    await hb.beatNow();
    expect(events).toEqual(['lost']); // once, not on every failed beat
    down = false;
    clock = 20_000;
    expect(await hb.beatNow()).toBe(true);
    expect(events).toEqual(['lost', 'restored']);
    expect(logs[0]).toContain('heartbeat failed (connect ECONNREFUSED)');
    expect(logs).toContain('no heartbeat for 15 s: the other nodes now treat this one as dead');
    hb.stop();
  });
});
