import autocannon, { type AutocannonResult } from 'autocannon';
import { createLoadPool } from '../lib/load/http-client';
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
  /**
   * autocannon (the default), or 'lean': lib/load's own keep-alive client (raw sockets, a
   * parser that reads only the framing headers), driven closed-loop the same way. See
   * runLeanLoad for when a bench wants it.
   */
  client?: 'autocannon' | 'lean';
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
  if (spec.client === 'lean') return runLeanLoad(spec, onStarted);
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

/**
 * The same closed model as autocannon (each connection sends its next request when the last
 * answer arrives, paths picked at random), with lib/load's client. Why a bench would want it:
 * autocannon parses responses with http-parser-js, whose cost grows with every header line
 * (measured: 3.6 us for the bare baseline's 6-line head, 11 us for the lab's 12-line one), and
 * on this 2-core box that client CPU comes out of the servers' share. A lab/baseline ratio
 * taken with it charges the lab ~7 us a response for the client reading its Server-Timing and
 * deprecation headers, more than the lab's whole pipeline costs. This client finds the head's
 * end with Buffer.indexOf and reads only the framing headers, so both servers are measured by
 * a client whose cost barely depends on the answer (bench/generator-accuracy.ts checks it).
 */
async function runLeanLoad(spec: LoadSpec, onStarted?: () => void): Promise<LoadResult> {
  const url = new URL(spec.origin);
  const pool = createLoadPool({ host: url.hostname, port: Number(url.port) }, spec.connections);
  const { paths, headers } = spec;
  const now = () => performance.now();
  const drive = (durationSec: number, record: boolean) =>
    new Promise<{ latencies: number[]; statuses: Record<string, number>; errors: number; timeouts: number }>(
      (resolve) => {
        const latencies: number[] = [];
        const statuses: Record<string, number> = {};
        let errors = 0;
        let timeouts = 0;
        let running = spec.connections;
        const end = now() + durationSec * 1000;
        const next = () => {
          if (now() >= end) {
            if (--running === 0) resolve({ latencies, statuses, errors, timeouts });
            return;
          }
          const path = paths[Math.floor(Math.random() * paths.length)] ?? '/';
          const sent = now();
          pool.send({ request: { method: 'GET', path }, headers, timeoutMs: 30_000, now }, (outcome, endMs) => {
            if (record) {
              if (outcome.kind === 'response') {
                statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
                if (outcome.status >= 200 && outcome.status < 300) latencies.push(endMs - sent);
              } else if (outcome.kind === 'timeout') timeouts++;
              else errors++;
            }
            next();
          });
        };
        for (let i = 0; i < spec.connections; i++) next();
      },
    );
  try {
    if (spec.warmupSec > 0) await drive(spec.warmupSec, false);
    onStarted?.();
    const t0 = now();
    const r = await drive(spec.durationSec, true);
    const seconds = (now() - t0) / 1000;
    const ok = r.latencies.length;
    const all = Object.values(r.statuses).reduce((a, b) => a + b, 0);
    return {
      ok,
      seconds,
      rps: ok / seconds,
      latency: summarize(r.latencies),
      non2xx: all - ok,
      errors: r.errors,
      timeouts: r.timeouts,
      statuses: r.statuses,
      samples: r.latencies,
    };
  } finally {
    pool.destroy();
  }
}
