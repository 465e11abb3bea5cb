import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Keyspace } from './endpoints';
import { runLoad, type RunLoadOptions } from './generator';
import { loadProfileSchema, type LoadProfileInput } from './profile';
import type { SecondStats } from './stats';

/**
 * One integration test against a real node:http server on loopback: counts must add up
 * exactly; timing is asserted only loosely (latency ≥ the server's own delay).
 */
const DELAY_MS = 20;
const BODY = 'x'.repeat(100);
const keyspace: Keyspace = { users: 1000, products: 100, emails: ['ada@example.com'] };

type Seen = {
  requests: number;
  tooMany: number;
  hits: number;
  misses: number;
  posts: number;
  badAuth: number;
  badDeadline: number;
  clients: Set<string>;
};
const nothingSeen = (): Seen => ({
  requests: 0,
  tooMany: 0,
  hits: 0,
  misses: 0,
  posts: 0,
  badAuth: 0,
  badDeadline: 0,
  clients: new Set(),
});
const seen = nothingSeen();
const reset = () => Object.assign(seen, nothingSeen());

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const n = seen.requests++;
      if (req.headers.authorization !== 'Bearer test-token') seen.badAuth++;
      // The deadline is the send time plus the profile's timeout, on the wall clock.
      const deadline = Number(req.headers['x-request-deadline']);
      if (!(deadline > Date.now() && deadline <= Date.now() + 10_000)) seen.badDeadline++;
      seen.clients.add(String(req.headers['x-client-id']));
      if (req.method === 'POST' && (JSON.parse(body) as { quantity?: number }).quantity === 1) seen.posts++;
      if (req.url?.startsWith('/hang/')) return; // never answers: the generator must time out
      if (req.url?.startsWith('/abuse/')) {
        // A limiter that only ever refuses the abuser.
        return void res.writeHead(req.headers['x-client-id'] === 'abuser' ? 429 : 200).end(BODY);
      }
      setTimeout(() => {
        if (n % 5 === 0) {
          seen.tooMany++;
          res.writeHead(429, { 'x-cache': 'BYPASS' }).end(BODY);
        } else {
          const hit = n % 2 === 0;
          if (hit) seen.hits++;
          else seen.misses++;
          res.writeHead(200, { 'x-cache': hit ? 'HIT' : 'MISS' }).end(BODY);
        }
      }, DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function run(profile: LoadProfileInput, extra: Partial<RunLoadOptions> = {}) {
  const seconds: SecondStats[] = [];
  const promise = runLoad({
    profile: loadProfileSchema.parse(profile),
    target: { host: '127.0.0.1', port },
    token: 'test-token',
    keyspace,
    onSecond: (s) => seconds.push(s),
    signal: new AbortController().signal,
    limits: { maxInFlight: 64 },
    ...extra,
  });
  return { promise, seconds };
}

describe('runLoad against a loopback server', () => {
  it('runs the open model on schedule and counts every outcome', async () => {
    reset();
    const { promise, seconds } = run({
      model: 'constant-arrival',
      rate: 100,
      durationSec: 2,
      mix: [
        { endpoint: 'product-by-id', weight: 9 },
        { endpoint: 'create-order', weight: 1 },
      ],
      clients: { count: 3, abusive: { enabled: true, multiple: 4 } },
    });
    const s = await promise;
    const c = s.counts;
    if (process.env.LOAD_DEBUG) console.log(JSON.stringify({ s, seconds }, null, 1));
    expect(c.sent + c.dropped).toBe(200); // rate × duration, fixed in advance
    expect(c.dropped).toBe(0);
    expect(c.sent).toBe(seen.requests);
    expect(c.completed).toBe(c.sent);
    expect(c.timeouts + c.errors + c.cancelled).toBe(0);
    expect(c.rateLimited).toBe(seen.tooMany);
    expect(c.status).toEqual({ '1xx': 0, '2xx': seen.hits + seen.misses, '3xx': 0, '4xx': seen.tooMany, '5xx': 0 });
    expect(c.cache).toEqual({ hit: seen.hits, miss: seen.misses, bypass: seen.tooMany, none: 0 });
    expect(c.bytes).toBe(BODY.length * c.completed);
    expect(seen.posts).toBeGreaterThan(0);
    expect(seen.badAuth).toBe(0);
    expect(seen.badDeadline).toBe(0);
    expect(seen.clients).toEqual(new Set(['client-1', 'client-2', 'client-3', 'abuser']));
    // Timers may fire a fraction of a ms early relative to performance.now(): allow 1 ms.
    expect(s.latencyMs!.min).toBeGreaterThanOrEqual(DELAY_MS - 1);
    expect(s.serviceMs!.min).toBeGreaterThanOrEqual(DELAY_MS - 1);
    expect(s.latencyMs!.p50).toBeGreaterThanOrEqual(s.serviceMs!.p50);
    expect(s).toMatchObject({ model: 'constant-arrival', aborted: false, targetRps: 100, errorPct: 20 });
    // Achieved is completions over the run's wall time, the drain included (a loaded machine
    // stretches that time, so no fixed floor): at most completions over the sending time.
    expect(s.elapsedMs).toBeGreaterThanOrEqual(2000 - 1);
    expect(s.achievedRps).toBeGreaterThan(0);
    expect(s.achievedRps).toBeLessThanOrEqual(c.completed / (s.elapsedMs / 1000) + 0.01);
    expect(s.hitRatio).toBeCloseTo(seen.hits / (seen.hits + seen.misses), 3);
    expect(s.spectrum).toHaveLength(20);
    expect(s.reliable).toBe(s.reasons.length === 0);
    // The live stream adds up to the summary.
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    expect(seconds[0]?.targetRps).toBe(100);
    expect(seconds.reduce((sum, x) => sum + x.counts.completed, 0)).toBe(c.completed);
    expect(seconds.reduce((sum, x) => sum + x.counts.sent, 0)).toBe(c.sent);
  });

  it('follows a spike exactly and keeps the legitimate clients apart from the abuser', async () => {
    reset();
    // 20 req/s, x3 from 0.5 s for 1 s: 10 + 60 + 10 = 80 requests; the abuser sends half.
    const { promise, seconds } = run(
      {
        model: 'constant-arrival',
        rate: 20,
        durationSec: 2,
        spike: { atSec: 0.5, forSec: 1, multiple: 3 },
        clients: { count: 2, abusive: { enabled: true, multiple: 2 } },
      },
      { target: { host: '127.0.0.1', port, pathPrefix: '/abuse' } },
    );
    const s = await promise;
    expect(s.counts.sent + s.counts.dropped).toBe(80);
    expect(s.counts.rateLimited).toBe(40);
    expect(s.errorPct).toBe(50);
    expect(s.fair).toMatchObject({ sent: 40, completed: 40, rateLimited: 0, failed: 0, errorPct: 0 });
    expect(s.fair!.latencyMs).not.toBeNull();
    expect(seconds.map((x) => x.targetRps).slice(0, 2)).toEqual([40, 40]); // 10 + 30 in each half of the spike
    // The run's target is its mean planned rate, spike included (80 requests in 2 s), like its achieved rate.
    expect(s.targetRps).toBe(40);
  });

  it('counts every client as legitimate when there is no abuser, and only service failures as theirs', async () => {
    reset();
    const s = await run({ model: 'constant-arrival', rate: 10, durationSec: 1 }).promise;
    expect(s.fair).toMatchObject({
      sent: 10,
      completed: 10,
      rateLimited: s.counts.rateLimited,
      failed: s.counts.rateLimited,
    });
    expect(s.fair!.latencyMs!.p95).toBe(s.latencyMs!.p95);
  });

  it('runs the closed model: each user waits for its answer', async () => {
    reset();
    const { promise } = run({ model: 'virtual-users', users: 4, durationSec: 1 });
    const s = await promise;
    const c = s.counts;
    // 4 users × at most 1000 / 20 round trips each, plus the last in flight.
    expect(c.sent).toBeGreaterThanOrEqual(4);
    expect(c.sent).toBeLessThanOrEqual(4 * (1000 / DELAY_MS + 1));
    expect(c.sent).toBe(seen.requests);
    expect(c.completed).toBe(c.sent);
    expect(c.late + c.dropped).toBe(0);
    expect(c.rateLimited).toBe(seen.tooMany);
    expect(s.latencyMs!.min).toBeGreaterThanOrEqual(DELAY_MS - 1);
    expect(s.targetRps).toBeNull();
  });

  it('records requests that never answer as timeouts, with their latency', async () => {
    reset();
    const { promise } = run(
      { model: 'constant-arrival', rate: 10, durationSec: 1, timeoutMs: 200 },
      {
        target: { host: '127.0.0.1', port, pathPrefix: '/hang' },
      },
    );
    const s = await promise;
    expect(s.counts).toMatchObject({ sent: 10, completed: 0, timeouts: 10 });
    expect(s.latencyMs!.min).toBeGreaterThanOrEqual(199);
    expect(s.errorPct).toBe(100);
  });

  it('counts refused connections as errors without spinning', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { promise } = run(
      { model: 'virtual-users', users: 2, durationSec: 1 },
      { target: { host: '127.0.0.1', port: deadPort } },
    );
    const s = await promise;
    expect(s.counts.errors).toBe(s.counts.sent);
    expect(s.counts.sent).toBeLessThanOrEqual(2 * (1000 / 50 + 1)); // a 50 ms pause after each error
    expect(s.latencyMs).toBeNull(); // errors are counted, not timed
    expect(s.errorPct).toBe(100);
  });

  it('stops on abort and cancels what is in flight', async () => {
    reset();
    const controller = new AbortController();
    const { promise } = run({ model: 'constant-arrival', rate: 50, durationSec: 10 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const s = await promise;
    expect(s.aborted).toBe(true);
    expect(s.elapsedMs).toBeLessThan(1000);
    expect(s.counts.sent).toBeLessThan(30);
    expect(s.counts.completed + s.counts.cancelled).toBe(s.counts.sent);
  });

  it('refuses any target that is not a loopback address', () => {
    for (const host of ['10.0.0.1', 'localhost', 'example.com', '::ffff:127.0.0.1']) {
      expect(() => run({ model: 'constant-arrival' }, { target: { host, port } })).toThrow(/loopback/);
    }
    expect(() =>
      run({ model: 'constant-arrival' }, { target: { host: '127.0.0.1', port, pathPrefix: '/../x' } }),
    ).toThrow(/prefix/);
  });
});
