import { describe, expect, it } from 'vitest';
import { summarizeProbe } from './probe';
import type { ProbeRead, ProbeSample } from './probe-schema';

const read = (status: number, servedBy: 'primary' | 'replica', lagMs: number): ProbeRead => ({
  status, sawWrite: status === 200 ? true : status === 404 ? false : null, servedBy, lagMs, route: null, ms: 1,
});
const sample = (pair: number, own: ProbeRead, other: ProbeRead, visibleAfterMs: number | null): ProbeSample => ({
  pair, orderId: 100 + pair, writeStatus: 201, own, other, visibleAfterMs,
});

describe('probe counting', () => {
  it('counts reads that missed their write, per reader, and the lag they were served at', () => {
    const s = summarizeProbe([
      sample(1, read(404, 'replica', 12), read(404, 'replica', 13), 1010),
      sample(2, read(200, 'primary', 0), read(404, 'replica', 30), 1030),
      sample(3, read(200, 'replica', 0), read(200, 'replica', 0), 2),
      sample(4, read(429, 'replica', 0), read(404, 'replica', 5), null),
    ]);
    expect(s).toEqual({
      pairs: 4, writes: 4, ownStale: 1, otherStale: 3, errors: 1, servedByReplica: 7,
      maxStaleLagMs: 30, medianVisibleAfterMs: 1010, notVisible: 1,
    });
  });

  it('a failed write counts as an error, not as a stale read', () => {
    const s = summarizeProbe([{ pair: 1, orderId: null, writeStatus: 409, own: null, other: null, visibleAfterMs: null }]);
    expect(s).toMatchObject({ pairs: 1, writes: 0, ownStale: 0, otherStale: 0, errors: 1, notVisible: 0, maxStaleLagMs: null, medianVisibleAfterMs: null });
  });
});
