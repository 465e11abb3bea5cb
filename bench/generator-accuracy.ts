import type { LoadProfileInput, RunSummary } from '../lib/load';
import { runGenerator } from './generator-thread';
import type { LoadResult } from './load';
import { int, ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';
import { runLoadInThread } from './threads';
import { STALL_MS, startTinyServer, type TinyServer } from './tiny-server';

/**
 * The load generator is the lab's measuring instrument, so it is checked against servers
 * whose behaviour is known: tiny node:http servers (bench/tiny-server.ts) in one worker
 * thread, the generator (the app's own load worker) in another, the main thread only
 * coordinating. Four questions:
 *   a. latency: does a 10 ms endpoint read as 10 ms? (and what the server itself measured)
 *   b. rate: does an open-model run at 500 req/s deliver 500 req/s?
 *   c. coordinated omission: does one 500 ms stall show in the open model's p99 and hide
 *      in the closed model's, as theory says?
 *   d. does it agree with autocannon on the same endpoint and concurrency (ABBA slices)?
 */
const USERS = 10; // closed model in c and d, = autocannon's connections in d
const P50_TOLERANCE_MS = 1;
const RATE_TOLERANCE = 0.02;

const target = (srv: TinyServer, prefix: string) => ({ host: '127.0.0.1', port: srv.port, pathPrefix: prefix });
const open = (rate: number, durationSec: number): LoadProfileInput => ({
  model: 'constant-arrival',
  rate,
  durationSec,
});
const closed = (durationSec: number): LoadProfileInput => ({ model: 'virtual-users', users: USERS, durationSec });
const lat = (s: RunSummary) => s.latencyMs ?? { p50: NaN, p99: NaN, max: NaN, mean: NaN };
const warnIfUnreliable = (what: string, s: RunSummary) => {
  if (!s.reliable) console.log(`  warning (${what}): the generator flagged its own run: ${s.reasons.join(' ')}`);
  const bad = s.counts.errors + s.counts.timeouts + s.counts.status['4xx'] + s.counts.status['5xx'];
  if (bad > 0) console.log(`  warning (${what}): ${bad} errors/timeouts/non-2xx`);
};

export async function generatorAccuracy(opts: BenchOptions): Promise<BenchOutcome> {
  const sec = opts.quick ? 4 : 10;
  const srv = await startTinyServer();
  console.log(`  tiny server and generator each in their own worker thread; ${sec} s per run; 127.0.0.1:${srv.port}`);
  try {
    // a. A fixed 10 ms endpoint at a moderate open-model rate.
    await srv.reset();
    const a = await runGenerator(open(100, sec), target(srv, '/delay10'));
    const aSrv = await srv.collect();
    warnIfUnreliable('a', a);
    const wait = summarize(aSrv.waits);
    const handled = summarize(aSrv.handles);
    const aP50 = lat(a).p50;
    const aPass = Math.abs(aP50 - 10) <= P50_TOLERANCE_MS;
    console.log('\n  a. GET /delay10 at 100 req/s (open model)');
    printTable(
      ['measured by', 'what', 'p50 ms', 'p99 ms', 'n'],
      [
        ['server', '10 ms wait, as measured', ms(wait.p50), ms(wait.p99), int(wait.n)],
        ['server', 'request event -> res.end()', ms(handled.p50), ms(handled.p99), int(handled.n)],
        [
          'generator',
          'service (from actual send)',
          ms(a.serviceMs?.p50 ?? NaN),
          ms(a.serviceMs?.p99 ?? NaN),
          int(a.counts.completed),
        ],
        ['generator', 'latency (from due time)', ms(aP50), ms(lat(a).p99), int(a.counts.completed)],
      ],
      'll',
    );
    console.log(
      `  generator p50 - 10 ms = ${(aP50 - 10).toFixed(2)} ms, of which wait overshoot ${(wait.p50 - 10).toFixed(2)}, server handling outside the timer ${(handled.p50 - wait.p50).toFixed(2)}, client + loopback ${(
        (a.serviceMs?.p50 ?? NaN) - handled.p50
      ).toFixed(2)}, send lag ${(aP50 - (a.serviceMs?.p50 ?? NaN)).toFixed(2)} (p50 differences, approximate)`,
    );

    // a'. The same cadence against an endpoint that answers at once: what loopback and waking
    // two idle threads cost on this machine, whichever client measures it.
    await srv.reset();
    const floor = await runGenerator(open(100, sec), target(srv, '/fast'));
    const floorSrv = summarize((await srv.collect()).handles);
    console.log(
      `  floor: GET /fast at 100 req/s reads p50 ${ms(lat(floor).p50)} ms (server's own p50 ${ms(floorSrv.p50)} ms): the cost of a`,
    );
    console.log(
      '  request and its answer crossing loopback between two idle threads here, paid by every client (see d).',
    );

    // b. Open-model rate accuracy on an endpoint that costs nothing.
    await srv.reset();
    const b = await runGenerator(open(500, sec), target(srv, '/fast'));
    const bSrv = await srv.collect();
    warnIfUnreliable('b', b);
    const bErr = b.achievedRps / 500 - 1;
    const bPass = Math.abs(bErr) <= RATE_TOLERANCE;
    console.log('\n  b. GET /fast at 500 req/s (open model)');
    console.log(
      `  achieved ${b.achievedRps.toFixed(1)} req/s (${(100 * bErr).toFixed(2)}%); sent ${int(b.counts.sent)}, completed ${int(b.counts.completed)}, server saw ${int(bSrv.requests)}; dropped ${b.counts.dropped}, late ${b.counts.late}; send lag p99 ${ms(b.lagMs?.p99 ?? NaN)} ms; generator loop delay p99 ${ms(b.loopDelayMs?.p99 ?? NaN)} ms`,
    );

    // c. One stall, seen through both models. The stall is armed a few seconds in, after the
    // generator's thread has started and its sockets are open.
    const stallAfter = Math.round((sec * 1000) / 3);
    const runStall = async (profile: LoadProfileInput) => {
      await srv.reset(stallAfter);
      const s = await runGenerator(profile, target(srv, '/stall'));
      const { stalls } = await srv.collect();
      warnIfUnreliable(profile.model ?? '', s);
      return { s, stalls };
    };
    const cOpen = await runStall(open(200, sec));
    const cClosed = await runStall(closed(sec));
    console.log(
      `\n  c. GET /stall (10 ms, one ${STALL_MS} ms event-loop stall ~${stallAfter} ms in): open 200 req/s vs closed ${USERS} users`,
    );
    printTable(
      ['model', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'server stalls'],
      [cOpen, cClosed].map(({ s, stalls }) => [
        s.model,
        int(s.counts.completed),
        ms(lat(s).p50),
        ms(lat(s).p99),
        ms(lat(s).max),
        String(stalls),
      ]),
      'l',
    );
    const cPass =
      cOpen.stalls === 1 &&
      cClosed.stalls === 1 &&
      lat(cOpen.s).p99 >= STALL_MS / 2 &&
      lat(cClosed.s).p99 < STALL_MS / 5 &&
      lat(cClosed.s).max >= STALL_MS * 0.8;
    console.log(
      '  The closed model stops sending while its users wait, so the stall costs it ~10 samples among thousands;',
    );
    console.log('  the open model keeps its schedule, and every request due during the stall records the wait.');

    // d. Generator vs autocannon, closed model, same endpoint and concurrency, ABBA slices.
    const slice = opts.quick ? 2 : 5;
    const acSpec = {
      origin: `http://127.0.0.1:${srv.port}`,
      connections: USERS,
      warmupSec: 0,
      paths: ['/delay10/api/v1/products/1'],
      headers: { authorization: 'Bearer bench' },
    };
    await runGenerator(closed(1), target(srv, '/delay10')); // warm-ups, unmeasured
    await runLoadInThread({ ...acSpec, durationSec: 1 });
    type Part = { rps: number; p50: number; p99: number; n: number; srvP50: number };
    const parts: Record<'generator' | 'autocannon', Part[]> = { generator: [], autocannon: [] };
    for (const who of ['generator', 'autocannon', 'autocannon', 'generator'] as const) {
      await srv.reset();
      let part: Omit<Part, 'srvP50'>;
      if (who === 'generator') {
        const g = await runGenerator(closed(slice), target(srv, '/delay10'));
        warnIfUnreliable('d', g);
        part = { rps: g.achievedRps, p50: lat(g).p50, p99: lat(g).p99, n: g.counts.completed };
      } else {
        const r: LoadResult = await runLoadInThread({ ...acSpec, durationSec: slice });
        if (r.errors + r.timeouts + r.non2xx > 0)
          console.log(`  warning (d): autocannon saw ${r.errors + r.timeouts + r.non2xx} errors/timeouts/non-2xx`);
        part = { rps: r.rps, p50: r.latency.p50, p99: r.latency.p99, n: r.ok };
      }
      parts[who].push({ ...part, srvP50: summarize((await srv.collect()).handles).p50 });
    }
    // Each tool's figure is the mean of its two slices; the range shows how much they moved.
    const mean = (xs: Part[], f: (p: Part) => number) => xs.reduce((s, p) => s + f(p), 0) / xs.length;
    const range = (xs: Part[], f: (p: Part) => number, fmt: (v: number) => string) =>
      `${fmt(Math.min(...xs.map(f)))}-${fmt(Math.max(...xs.map(f)))}`;
    console.log(`\n  d. GET /delay10, closed model, ${USERS} users/connections, 2 x ${slice} s per tool in ABBA order`);
    printTable(
      ['tool', 'req/s', 'req/s range', 'p50 ms', 'p50 range', 'p99 ms', 'p99 range', 'server p50', 'responses'],
      (['generator', 'autocannon'] as const).map((who) => {
        const xs = parts[who];
        return [
          who,
          int(mean(xs, (p) => p.rps)),
          range(xs, (p) => p.rps, int),
          ms(mean(xs, (p) => p.p50)),
          range(xs, (p) => p.p50, ms),
          ms(mean(xs, (p) => p.p99)),
          range(xs, (p) => p.p99, ms),
          ms(mean(xs, (p) => p.srvP50)),
          int(xs.reduce((s, p) => s + p.n, 0)),
        ];
      }),
      'l',
    );
    const ratio = (f: (p: Part) => number) => mean(parts.generator, f) / mean(parts.autocannon, f);
    const dP50 = mean(parts.generator, (p) => p.p50) - mean(parts.autocannon, (p) => p.p50);
    console.log(
      `  generator/autocannon: p50 ${ratio((p) => p.p50).toFixed(3)}, p99 ${ratio((p) => p.p99).toFixed(3)}, req/s ${ratio((p) => p.rps).toFixed(3)} (p50 differs by ${dP50.toFixed(2)} ms)`,
    );
    // What each client adds over the server's own p50: the part of a's gap no client avoids on this box.
    const over = (who: 'generator' | 'autocannon') =>
      (mean(parts[who], (p) => p.p50) - mean(parts[who], (p) => p.srvP50)).toFixed(2);
    console.log(
      `  client-side p50 over the server's own p50: generator +${over('generator')} ms, autocannon +${over('autocannon')} ms`,
    );
    console.log(
      '  note: both measure send-to-last-byte of a closed loop, so req/s ~ users / latency and the two ratios mirror',
    );
    console.log(
      '  each other. Both write one request string per send on raw keep-alive sockets and parse minimally; the generator',
    );
    console.log('  also builds a random path and arms a timeout timer per request, and its HDR histogram reads each');
    console.log(
      "  value at its bucket's upper edge (<= 0.1%). autocannon's printed histogram rounds to whole ms; these autocannon",
    );
    console.log('  figures come from its per-response hrtime values (bench/load.ts), so they are not rounded.');

    console.log();
    console.log(
      `  ${verdict(aPass, `a. generator p50 within ${P50_TOLERANCE_MS} ms of 10 ms (${ms(aP50)} ms; server's own p50 ${ms(handled.p50)} ms)`)}`,
    );
    console.log(
      `  ${verdict(bPass, `b. achieved rate within ${RATE_TOLERANCE * 100}% of 500 req/s (${b.achievedRps.toFixed(1)}, ${(100 * bErr).toFixed(2)}%)`)}`,
    );
    console.log(
      `  ${verdict(cPass, `c. open p99 shows the stall (${ms(lat(cOpen.s).p99)} ms >= ${STALL_MS / 2}), closed p99 hides it (${ms(lat(cClosed.s).p99)} ms < ${STALL_MS / 5}; max ${ms(lat(cClosed.s).max)})`)}`,
    );
    return {
      pass: aPass && bPass && cPass,
      headline: `p50 ${ms(aP50)} ms (srv ${ms(handled.p50)}), rate ${(100 * bErr).toFixed(1)}%, p99 open ${int(lat(cOpen.s).p99)} / closed ${ms(lat(cClosed.s).p99)} ms, vs autocannon p50 ${ratio((p) => p.p50).toFixed(2)}`,
    };
  } finally {
    await srv.stop();
  }
}
