import { openDatabase } from '../lib/db/open';
import { templatePath } from '../lib/db/template';
import { startApp } from './app-process';
import { benchScale, freshDataDir, sleep } from './fixtures';
import { int, ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';
import { runLoadInThread } from './threads';

/**
 * The observer is not the observed (ARCHITECTURE.md §1): while one learner pins the lab
 * server with unindexed scans, the pages and the control API on the main thread must stay
 * responsive. We saturate the lab server's own loopback port (no front door, so the main
 * thread does none of the load's work) and probe the main thread from here, with and
 * without that load, because a p95 means little without its idle counterpart.
 */
const TARGET_P95_MS = 250;
const PROBE_EVERY_MS = 100;
const LOAD_CONNECTIONS = 20;

type Probe = { name: string; run: () => Promise<number> };
type Samples = { ms: number[]; failed: number };

/** Real e-mails from the dataset, so every lookup finds its one row after a full scan. */
function sampleEmails(dataDir: string, count: number): string[] {
  const db = openDatabase(templatePath(dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT email FROM users ORDER BY random() LIMIT ?').all(count) as { email: string }[]).map(
      (r) => r.email,
    );
  } finally {
    db.close();
  }
}

function httpProbe(name: string, url: string, init: RequestInit = {}): Probe {
  return {
    name,
    async run() {
      // A frozen main thread must show up as a slow, failed sample, not hang the bench.
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer(); // time the whole body, as a browser would wait for it
      return res.status;
    },
  };
}

/**
 * Each probe fires every ~100 ms, waiting for its previous answer (a user clicking, not a
 * load generator), with the probes staggered so they do not always arrive together.
 */
function startSampling(probes: Probe[]): { stop: () => Promise<Map<string, Samples>> } {
  let stopped = false;
  const results = new Map<string, Samples>();
  const loops = probes.map(async (probe, i) => {
    const rec: Samples = { ms: [], failed: 0 };
    results.set(probe.name, rec);
    await sleep((i * PROBE_EVERY_MS) / probes.length);
    while (!stopped) {
      const t0 = performance.now();
      const status = await probe.run().catch(() => 0);
      const took = performance.now() - t0;
      rec.ms.push(took);
      if (status < 200 || status >= 300) rec.failed++;
      await sleep(Math.max(0, PROBE_EVERY_MS - took));
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return results;
    },
  };
}

export async function separation(opts: BenchOptions): Promise<BenchOutcome> {
  const scale = benchScale();
  const loadSec = opts.quick ? 4 : 10;
  const idleSec = opts.quick ? 2 : 5;
  const port = Number(process.env.BENCH_APP_PORT ?? 3201);
  const labPort = Number(process.env.BENCH_LAB_PORT ?? 3299);

  const dataDir = freshDataDir('separation', scale); // template pre-copied: start.mjs's seed step is a no-op
  const emails = sampleEmails(dataDir, 1000);
  console.log(
    `  scale ${scale}; app on 127.0.0.1:${port}, lab server on 127.0.0.1:${labPort}; starting scripts/start.mjs ...`,
  );
  const t0 = performance.now();
  const app = await startApp({ dataDir, scale, port, labPort });
  try {
    console.log(`  app ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const claim = await fetch(`${app.origin}/api/lab/sandbox`, { method: 'POST' });
    if (!claim.ok) throw new Error(`POST /api/lab/sandbox answered ${claim.status}: ${await claim.text()}`);
    const { token } = (await claim.json()) as { sandboxId: string; token: string };
    const auth = { authorization: `Bearer ${token}` };

    // The load must really be the unindexed lookup, answered 200 with one row, or the test is void.
    const paths = emails.map((e) => `/api/v1/users?email=${encodeURIComponent(e)}`);
    const check = await fetch(`${app.labOrigin}${paths[0]}`, { headers: auth });
    const body = (await check.json()) as { data?: unknown[] };
    if (check.status !== 200 || body.data?.length !== 1)
      throw new Error(`lab check failed: ${check.status} ${JSON.stringify(body).slice(0, 200)}`);

    // POST with the token re-issues a token for the same sandbox; without it, every probe would copy a new sandbox.
    const probes = [
      httpProbe('GET /', `${app.origin}/`),
      httpProbe('GET /api/lab/sandbox', `${app.origin}/api/lab/sandbox`, { headers: auth }),
      httpProbe('POST /api/lab/sandbox', `${app.origin}/api/lab/sandbox`, { method: 'POST', headers: auth }),
    ];
    for (let i = 0; i < 5; i++) for (const p of probes) await p.run(); // first hits load route chunks

    process.stdout.write(`  no load: probing for ${idleSec} s ... `);
    const idleSampler = startSampling(probes);
    await sleep(idleSec * 1000);
    const idle = await idleSampler.stop();
    console.log('done');

    process.stdout.write(
      `  load: ${LOAD_CONNECTIONS} connections on GET /api/v1/users?email= for ${loadSec} s (+1 s warm-up), probing meanwhile ... `,
    );
    let loadedSampler: ReturnType<typeof startSampling> | undefined;
    const load = await runLoadInThread(
      {
        origin: app.labOrigin,
        connections: LOAD_CONNECTIONS,
        durationSec: loadSec,
        warmupSec: 1,
        paths,
        headers: auth,
      },
      () => (loadedSampler = startSampling(probes)),
    );
    const loaded = (await loadedSampler?.stop()) ?? new Map<string, Samples>();
    console.log('done');

    const rows: string[][] = [];
    let pass = true;
    const p95s: string[] = [];
    for (const [phase, samples] of [
      ['no load', idle],
      ['loaded', loaded],
    ] as const) {
      for (const probe of probes) {
        const rec = samples.get(probe.name) ?? { ms: [], failed: 0 };
        const s = summarize(rec.ms);
        rows.push([phase, probe.name, int(s.n), ms(s.p50), ms(s.p95), ms(s.max), int(rec.failed)]);
        if (phase === 'loaded') {
          const ok = s.n > 0 && s.p95 < TARGET_P95_MS && rec.failed === 0;
          pass &&= ok;
          p95s.push(`${probe.name} ${ms(s.p95)}`);
        }
      }
    }
    console.log();
    printTable(['phase', 'probe (main thread)', 'n', 'p50 ms', 'p95 ms', 'max ms', 'failed'], rows, 'll');
    console.log();
    printTable(
      ['load on lab port', 'req/s', 'p50 ms', 'p99 ms', 'responses', 'non2xx/err/timeout'],
      [
        [
          'GET /api/v1/users?email=',
          int(load.rps),
          ms(load.latency.p50),
          ms(load.latency.p99),
          int(load.ok),
          `${load.non2xx}/${load.errors}/${load.timeouts}`,
        ],
      ],
    );
    // Little's law: mean requests in flight = rate x mean latency. Close to the connection count
    // means a queue at every instant, i.e. the lab thread really was saturated the whole time.
    const inFlight = (load.rps * load.latency.mean) / 1000;
    console.log(
      `  mean in flight: ${inFlight.toFixed(1)} of ${LOAD_CONNECTIONS} connections (~${ms(1000 / load.rps)} ms of lab time per request)`,
    );
    if (load.non2xx + load.errors + load.timeouts > 0) {
      pass = false;
      console.log(`  the load saw failures: ${JSON.stringify(load.statuses)}`);
    }
    console.log(
      `  ${verdict(pass, `main-thread p95 < ${TARGET_P95_MS} ms while the lab server is saturated (${p95s.join('; ')})`)}`,
    );
    return { pass, headline: `loaded p95: ${p95s.join(', ')}; load ${int(load.rps)} req/s` };
  } finally {
    await app.stop();
  }
}
