import { describe, expect, it } from 'vitest';
import { assessReliability } from './reliability';

const healthy = {
  loopDelayP99Ms: 2,
  loopDelayMaxMs: 5,
  sent: 1000,
  late: 3,
  dropped: 0,
  lagP99Ms: 1,
  maxInFlight: 256,
};

describe('assessReliability', () => {
  it('trusts a run that kept up', () => {
    expect(assessReliability(healthy)).toEqual({ reliable: true, reasons: [] });
    expect(
      assessReliability({ ...healthy, loopDelayP99Ms: null, loopDelayMaxMs: null, sent: 0, late: 0, lagP99Ms: null }),
    ).toEqual({ reliable: true, reasons: [] });
  });

  it('explains a delayed event loop', () => {
    const r = assessReliability({ ...healthy, loopDelayP99Ms: 85, loopDelayMaxMs: 140, concurrentRuns: 3 });
    expect(r.reliable).toBe(false);
    expect(r.reasons).toEqual([
      "The generator's event loop was delayed up to 85 ms (p99; worst 140 ms) while 3 runs shared its thread; its own latency is in these numbers.",
    ]);
  });

  it('explains late and dropped sends', () => {
    const r = assessReliability({ ...healthy, late: 120, dropped: 50, lagP99Ms: 32.4 });
    expect(r.reasons).toEqual([
      '120 of 1000 requests (12%) left late (p99 32 ms behind): the generator could not keep to its schedule, so the server got bursts instead of a steady rate.',
      '50 of 1050 due requests (4.8%) were not sent because 256 were already waiting for answers; the percentiles leave them out, so the real latency is worse.',
    ]);
  });

  it('tolerates a little lateness and a rare drop', () => {
    expect(assessReliability({ ...healthy, late: 50, dropped: 10 }).reliable).toBe(true);
  });
});
