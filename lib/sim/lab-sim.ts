import type { RunRecord } from '../runs/schema';
import { MAX_SIM_REQUESTS, type SimRequest, type SimResponse, type SimSource } from './schemas';
import { exponentialSampler, spectrumMean, spectrumSampler, type ServiceSampler } from './service-time';
import { simulate } from './simulate';

/**
 * The load-balancing lab: the learner's latest completed run (in this lesson) supplies the service-time
 * distribution (its percentile spectrum), and the simulation runs N copies of that server.
 * Everything the simulation assumes beyond the measurement is listed in `assumptions`,
 * which the page shows beside the results.
 */
const CLIENTS = 1000;
const CLIENT_SKEW = 1;
const CACHE_ENTRIES = 100;
const ASSUMED_MEAN_MS = 5;

const endpointsOf = (run: RunRecord): string[] => run.profile?.mix.map((m) => m.endpoint) ?? [];

export function sourceFor(run: RunRecord | undefined): { source: SimSource; miss: ServiceSampler } {
  const summary = run?.summary;
  if (run && summary && summary.spectrum.length > 0) {
    const pts = summary.spectrum;
    const meanMs = spectrumMean(pts);
    return {
      source: {
        kind: 'measured',
        runId: run.id,
        startedAt: run.startedAt,
        endpoints: endpointsOf(run),
        responses: summary.counts.completed,
        meanMs: Math.round(meanMs * 1000) / 1000,
        p50Ms: summary.latencyMs?.p50 ?? meanMs,
        p99Ms: summary.latencyMs?.p99 ?? meanMs,
        // The fastest response the run measured stands in for a cache hit (see assumptions).
        hitMs: Math.min(...pts.map((p) => p.ms)),
      },
      miss: spectrumSampler(pts),
    };
  }
  return {
    source: {
      kind: 'assumed',
      meanMs: ASSUMED_MEAN_MS,
      hitMs: ASSUMED_MEAN_MS / 10,
      reason:
        'You have no completed run here yet (a lesson counts only its own runs), so there are no measured service times to sample.',
    },
    miss: exponentialSampler(ASSUMED_MEAN_MS),
  };
}

export function runLabSimulation(req: SimRequest, run: RunRecord | undefined): SimResponse {
  const { source, miss } = sourceFor(run);
  const onePerSec = 1000 / source.meanMs;
  const ratePerSec = req.load * onePerSec;
  const result = simulate({
    instances: req.instances,
    concurrency: 1,
    strategy: req.strategy,
    ratePerSec,
    durationSec: req.durationSec,
    seed: req.seed,
    maxRequests: MAX_SIM_REQUESTS,
    clients: CLIENTS,
    clientSkew: CLIENT_SKEW,
    cache: { enabled: req.cache, capacity: CACHE_ENTRIES },
    failure: req.failure ? { ...req.failure, instance: req.failure.instance - 1 } : null,
    service: { miss, hitMs: source.hitMs },
  });
  const assumptions = [
    source.kind === 'measured'
      ? `Each request costs a draw from your run's latency distribution (mean ${source.meanMs.toFixed(2)} ms). Measured latency includes any queueing your run saw, so this is a pessimistic service time.`
      : `Assumed, not measured: service times are exponential with a mean of ${ASSUMED_MEAN_MS} ms. Make a run to replace this with your own numbers.`,
    'Each instance serves one request at a time, first come first served, like one single-threaded server.',
    `Requests arrive at random (Poisson), from ${CLIENTS} clients; a few clients send most of them (Zipf, skew ${CLIENT_SKEW}), and each asks for its own data.`,
    ...(req.cache
      ? [
          `Each instance caches the last ${CACHE_ENTRIES} clients' data. A hit costs ${source.hitMs.toFixed(3)} ms: ${source.kind === 'measured' ? 'the fastest response your run measured' : 'one tenth of the assumed mean'}.`,
        ]
      : []),
    ...(req.failure
      ? [
          `Instance ${req.failure.instance} crashes at ${req.failure.atSec} s; the balancer probes every ${req.failure.healthCheckSec} s. A refused or lost request is ${req.failure.retry ? 'retried once on the instance the balancer picks next' : 'an error'}.`,
        ]
      : []),
    ...(result.truncated
      ? [
          `The simulation stops at ${MAX_SIM_REQUESTS.toLocaleString('en')} requests, ${result.arrivalSec} s into the run, to stay quick.`,
        ]
      : []),
  ];
  return {
    source,
    ratePerSec: Math.round(ratePerSec * 100) / 100,
    onePerSec: Math.round(onePerSec * 100) / 100,
    assumptions,
    request: {
      instances: req.instances,
      strategy: req.strategy,
      load: req.load,
      durationSec: req.durationSec,
      seed: req.seed,
      cache: req.cache,
    },
    result,
  };
}
