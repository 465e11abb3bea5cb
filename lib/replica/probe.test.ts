import { describe, expect, it } from 'vitest';
import { summarizeProbe } from './probe';
import { probeVerdict } from '../lessons/replica-probe-checks';
import type { ProbeRead, ProbeResult, ProbeSample, ProbeSummary } from './probe-schema';

const read = (status: number, servedBy: 'primary' | 'replica', lagMs: number): ProbeRead => ({
  status,
  sawWrite: status === 200 ? true : status === 404 ? false : null,
  servedBy,
  lagMs,
  route: null,
  ms: 1,
});
const sample = (pair: number, own: ProbeRead, other: ProbeRead, visibleAfterMs: number | null): ProbeSample => ({
  pair,
  orderId: 100 + pair,
  writeStatus: 201,
  own,
  other,
  visibleAfterMs,
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
      pairs: 4,
      writes: 4,
      ownStale: 1,
      otherStale: 3,
      errors: 1,
      servedByReplica: 7,
      maxStaleLagMs: 30,
      medianVisibleAfterMs: 1010,
      notVisible: 1,
    });
  });

  it('a failed write counts as an error, not as a stale read', () => {
    const s = summarizeProbe([
      { pair: 1, orderId: null, writeStatus: 409, own: null, other: null, visibleAfterMs: null },
    ]);
    expect(s).toMatchObject({
      pairs: 1,
      writes: 0,
      ownStale: 0,
      otherStale: 0,
      errors: 1,
      notVisible: 0,
      maxStaleLagMs: null,
      medianVisibleAfterMs: null,
    });
  });
});

describe('probe checks', () => {
  const result = (
    over: Partial<ProbeSummary>,
    consistency: 'eventual' | 'read-your-writes' = 'eventual',
  ): ProbeResult => ({
    ranAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1200,
    replica: { enabled: true, lagMs: 1000, consistency },
    samples: [],
    checksPassed: [],
    summary: {
      pairs: 20,
      writes: 20,
      ownStale: 0,
      otherStale: 0,
      errors: 0,
      servedByReplica: 40,
      maxStaleLagMs: null,
      medianVisibleAfterMs: null,
      notVisible: 0,
      ...over,
    },
  });
  const stale = { id: 'a', title: 'stale check', kind: 'probe', consistency: 'eventual', ownReads: 'stale' } as const;
  const fresh = {
    id: 'b',
    title: 'fresh check',
    kind: 'probe',
    consistency: 'read-your-writes',
    ownReads: 'fresh',
  } as const;

  it('eventual: passes when at least one own read was stale', () => {
    expect(probeVerdict(stale, result({ ownStale: 20, otherStale: 20 })).passed).toBe(true);
    expect(probeVerdict(stale, result({ ownStale: 0 })).passed).toBe(false);
  });
  it('read-your-writes: passes with no stale own read while the replica was visibly behind', () => {
    expect(probeVerdict(fresh, result({ ownStale: 0, otherStale: 20 }, 'read-your-writes'))).toMatchObject({
      passed: true,
      detail: expect.stringContaining('missed 0 of its 20 orders'),
    });
    expect(probeVerdict(fresh, result({ ownStale: 0, otherStale: 0 }, 'read-your-writes')).passed).toBe(false);
    expect(probeVerdict(fresh, result({ ownStale: 1, otherStale: 20 }, 'read-your-writes')).passed).toBe(false);
  });
  it('needs the settings the check names and enough writes', () => {
    expect(probeVerdict(fresh, result({ ownStale: 0, otherStale: 20 }, 'eventual')).passed).toBe(false);
    expect(probeVerdict(stale, result({ writes: 5, ownStale: 5, otherStale: 5 })).passed).toBe(false);
    expect(
      probeVerdict(stale, {
        ...result({ ownStale: 20 }),
        replica: { enabled: false, lagMs: 1000, consistency: 'eventual' },
      }).passed,
    ).toBe(false);
  });
});
