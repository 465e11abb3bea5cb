import autocannon, { type AutocannonResult } from 'autocannon';
import { summarize, type Summary } from './report';

/**
 * Closed-model load with autocannon, meant to run in its own worker thread (see threads.ts):
 * on this 2-core box a load generator sharing a thread with the server, or with the bench's
 * own latency probes, would measure itself.
 */
export type LoadSpec = {
  /** Loopback only: the benches build this from ports they started themselves. */
  origin: string;
  connections: number;
  durationSec: number;
  /** Unmeasured run first: JIT, prepared statements, token cache and page cache warm up. */
  warmupSec: number;
  /** One is picked at random per request, so the whole keyspace is hit, not one hot row. */
  paths: string[];
  headers: Record<string, string>;
};

export type LoadResult = {
  ok: number;
  seconds: number;
  /** Successful (2xx) responses per second over the measured window. */
  rps: number;
  /** Latency of 2xx responses, from every response (autocannon's own histogram rounds to whole ms). */
  latency: Summary;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** Every 2xx latency, so runs can be merged and their percentiles recomputed exactly. */
  samples: number[];
};

function assertLoopback(origin: string): void {
  const host = new URL(origin).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`bench load may only target loopback, not ${host}`);
}

function fire(
  spec: LoadSpec,
  durationSec: number,
  onLatency?: (msec: number, status: number) => void,
): Promise<AutocannonResult> {
  const { paths } = spec;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        duration: durationSec,
        timeout: 30,
        headers: spec.headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              req.path = paths[Math.floor(Math.random() * paths.length)] ?? '/';
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onLatency) {
      instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) =>
        onLatency(responseTime, status),
      );
    }
  });
}

export async function runLoad(spec: LoadSpec, onStarted?: () => void): Promise<LoadResult> {
  assertLoopback(spec.origin);
  if (spec.warmupSec > 0) await fire(spec, spec.warmupSec);

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  onStarted?.();
  const t0 = performance.now();
  const result = await fire(spec, spec.durationSec, (msec, status) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) latencies.push(msec);
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    ok: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    latency: summarize(latencies),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    samples: latencies,
  };
}

/** Several slices of one target as if they were one run: totals add up, percentiles are recomputed. */
export function mergeLoads(parts: LoadResult[]): LoadResult {
  const samples = parts.flatMap((p) => p.samples);
  const seconds = parts.reduce((a, p) => a + p.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const sum = (f: (p: LoadResult) => number) => parts.reduce((a, p) => a + f(p), 0);
  return {
    ok: samples.length,
    seconds,
    rps: samples.length / seconds,
    latency: summarize(samples),
    non2xx: sum((p) => p.non2xx),
    errors: sum((p) => p.errors),
    timeouts: sum((p) => p.timeouts),
    statuses,
    samples,
  };
}
