import { describe, expect, it } from 'vitest';
import { exponentialSampler, spectrumSampler } from './service-time';
import { simulate, type SimConfig } from './simulate';

const base = (over: Partial<SimConfig> = {}): SimConfig => ({
  instances: 1,
  concurrency: 1,
  strategy: 'round-robin',
  ratePerSec: 50,
  durationSec: 4000,
  seed: 42,
  maxRequests: 200_000,
  clients: 1000,
  clientSkew: 1,
  cache: { enabled: false, capacity: 100 },
  failure: null,
  service: { miss: exponentialSampler(10), hitMs: 0.5 },
  ...over,
});

describe('simulate: queueing theory', () => {
  it('M/M/1: mean wait in queue is rho/(mu - lambda) within a few percent', () => {
    // lambda = 50/s, mu = 100/s (mean service 10 ms): rho = 0.5, Wq = 0.5 / 50 s = 10 ms.
    const r = simulate(base());
    expect(Math.abs(r.meanWaitMs - 10) / 10).toBeLessThan(0.05);
    expect(Math.abs((r.instances[0]?.utilisation ?? 0) - 0.5)).toBeLessThan(0.01);
  });

  it('M/M/1 at rho = 0.8: Wq = 40 ms', () => {
    const r = simulate(base({ ratePerSec: 80, durationSec: 5000, maxRequests: 400_000, seed: 9 }));
    expect(Math.abs(r.meanWaitMs - 40) / 40).toBeLessThan(0.06);
  });

  it('M/M/2 (one instance, two servers): mean wait matches Erlang C', () => {
    // lambda = 150/s, mu = 100/s per server, c = 2: a = 1.5, rho = 0.75.
    const a = 1.5,
      c = 2,
      rho = a / c;
    const top = a ** c / (2 * (1 - rho));
    const pWait = top / (1 + a + top);
    const wqMs = (pWait / (c * 100 - 150)) * 1000; // C = 0.643, Wq = 12.86 ms
    const r = simulate(base({ concurrency: 2, ratePerSec: 150, durationSec: 1500, maxRequests: 300_000 }));
    expect(Math.abs(r.meanWaitMs - wqMs) / wqMs).toBeLessThan(0.06);
  });

  it('more instances lower p95 at the same offered load', () => {
    const cfg = { ratePerSec: 180, durationSec: 60, maxRequests: 50_000 };
    const one = simulate(base({ ...cfg, instances: 1 }));
    const four = simulate(base({ ...cfg, instances: 4 }));
    expect(one.latencyMs?.p95).toBeGreaterThan(10 * (four.latencyMs?.p95 ?? Infinity));
    expect(four.instances.map((i) => i.served).every((n) => n > 2000)).toBe(true);
  });
});

describe('simulate: determinism and bounds', () => {
  const cfg = () =>
    base({
      instances: 3,
      strategy: 'least-connections',
      ratePerSec: 200,
      durationSec: 10,
      cache: { enabled: true, capacity: 50 },
    });

  it('is deterministic for a seed, and a different seed changes the run', () => {
    expect(simulate(cfg())).toEqual(simulate(cfg()));
    expect(simulate({ ...cfg(), seed: 43 }).latencyMs).not.toEqual(simulate(cfg()).latencyMs);
  });

  it('stops arrivals at maxRequests and says so', () => {
    const r = simulate({ ...cfg(), maxRequests: 500 });
    expect(r.requests).toBe(500);
    expect(r.truncated).toBe(true);
    expect(r.completed).toBe(500);
    expect(r.arrivalSec).toBeLessThan(10);
  });

  it('resamples a measured spectrum: with no queueing, latency percentiles follow it', () => {
    const spectrum = [
      { percentile: 0, ms: 1 },
      { percentile: 50, ms: 2 },
      { percentile: 99, ms: 8 },
      { percentile: 99.99, ms: 9 },
    ];
    const r = simulate(
      base({
        instances: 16,
        ratePerSec: 10,
        durationSec: 2000,
        service: { miss: spectrumSampler(spectrum), hitMs: 1 },
      }),
    );
    expect(r.latencyMs?.p50).toBeCloseTo(2, 1);
  });
});

describe('simulate: caches and strategies', () => {
  it('IP hash keeps each client on one instance, so its cache hits more than round robin', () => {
    const cfg = { instances: 4, ratePerSec: 200, durationSec: 30, cache: { enabled: true, capacity: 100 } };
    const rr = simulate(base({ ...cfg, strategy: 'round-robin' }));
    const ip = simulate(base({ ...cfg, strategy: 'ip-hash' }));
    expect(ip.hitRatio ?? 0).toBeGreaterThan((rr.hitRatio ?? 1) + 0.1);
    expect(ip.latencyMs?.p50 ?? Infinity).toBeLessThanOrEqual(rr.latencyMs?.p50 ?? 0);
  });

  it('one instance with the cache off reports no hit ratio', () => {
    expect(simulate(base({ durationSec: 5 })).hitRatio).toBeNull();
  });
});

describe('simulate: failure and health check', () => {
  const failing = (retry: boolean) =>
    base({
      instances: 3,
      ratePerSec: 240,
      durationSec: 20,
      failure: { instance: 1, atSec: 5, healthCheckSec: 2, retry },
    });

  it('the health check takes the dead instance out at the next probe, and nothing reaches it after', () => {
    const r = simulate(failing(false));
    expect(r.failure?.detectedAtSec).toBe(6);
    expect(r.failure?.inFlightLost).toBeGreaterThan(0);
    // Round robin keeps sending a third of the traffic to it for one second (about 80 requests).
    expect(r.failure?.sentToDeadInstance).toBeGreaterThan(40);
    expect(r.errors).toBe((r.failure?.inFlightLost ?? 0) + (r.failure?.sentToDeadInstance ?? 0));
    for (const s of r.series.slice(6)) expect(s.utilisation[1]).toBe(0);
    expect(r.series[10]?.errors).toBe(0);
    expect(r.requests).toBe(r.completed + r.errors);
  });

  it('retrying once on another instance saves most of those requests', () => {
    const noRetry = simulate(failing(false));
    const retry = simulate(failing(true));
    expect(retry.failure?.retried).toBeGreaterThan(0);
    expect(retry.failure?.retriedOk).toBeGreaterThan(0);
    expect(retry.errors).toBeLessThan(noRetry.errors / 2);
    expect(retry.requests).toBe(retry.completed + retry.errors);
  });

  it('rejects a failure on an instance that does not exist', () => {
    expect(() =>
      simulate(base({ instances: 2, failure: { instance: 2, atSec: 1, healthCheckSec: 1, retry: false } })),
    ).toThrow(RangeError);
  });
});
