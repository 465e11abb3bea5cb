import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandboxFile } from '../lib/db/sandboxes';
import { datasetSize } from '../lib/db/seed';
import { issueToken } from '../lib/learners/identity';
import { openAppDb, registerSandbox } from '../lib/db/app-db';
import { loadSecret } from '../lib/learners/secret';
import { benchScale, freshDataDir, randomSandboxId, REPO_ROOT } from './fixtures';
import { mergeLoads, type LoadResult } from './load';
import { int, ms, percentile, printTable, verdict, type BenchOptions, type BenchOutcome } from './report';
import { runLoadInThread, startServerThread, type ServerThread } from './threads';

/**
 * How much of a bare node:http + SQLite server's throughput does the lab server keep?
 * Three variants, because GET /products/{id} spends ~100 ms in an unindexed stats scan at
 * full scale: there the database hides any pipeline cost (and the lab runs that scan on its
 * reader threads, as in production, so it may even beat the single-threaded baseline).
 * The two point lookups (the same product without stats via ?fields=, and GET /users/{id})
 * cost microseconds in SQLite, so their ratio is the pipeline's real overhead: auth,
 * routing, validation, knobs, Server-Timing, traces.
 */
const TARGET_RATIO = 0.5;
// The point lookups are where the pipeline's own cost shows (issue 16): they must keep 0.8.
const POINT_LOOKUP_TARGET = 0.8;
const targetOf = (variant: string) => (variant === 'stats' ? TARGET_RATIO : POINT_LOOKUP_TARGET);
// Every column of a product row: the lab answers the same JSON as the baseline's bare row.
const PRODUCT_ROW_FIELDS = 'id,sku,name,category,price_cents,stock,created_at,updated_at';
const CONNECTIONS = 10;
// lib/load's lean client, not autocannon: autocannon's JS parser costs the lab's longer header
// block ~7 us more per response than the baseline's, on the cores the servers share (see runLeanLoad).
const CLIENT = (process.env.LAB_THROUGHPUT_CLIENT === 'autocannon' ? 'autocannon' : 'lean') as 'autocannon' | 'lean';
// Baseline/lab slice pairs per point lookup; an odd count has a single middle pair for the median.
const POINT_LOOKUP_PAIRS = 7;

type Variant = { name: string; label: string; paths: string[] };
type Who = 'baseline' | 'lab';

/** Random ids over the whole keyspace: a single hot row would flatter both servers alike. */
function randomPaths(prefix: string, maxId: number, count = 10_000): string[] {
  return Array.from({ length: count }, () => `${prefix}${1 + Math.floor(Math.random() * maxId)}`);
}

/**
 * The comparison is only fair if both servers do the same work, so check that they return
 * the same JSON for the same id before timing anything.
 */
async function assertSameAnswer(lab: ServerThread, base: ServerThread, path: string, token: string): Promise<void> {
  const get = async (port: number) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path} on port ${port} answered ${res.status}: ${await res.text()}`);
    return JSON.stringify(await res.json());
  };
  const [a, b] = await Promise.all([get(lab.port), get(base.port)]);
  if (a !== b) throw new Error(`lab and baseline disagree on ${path}:\n  lab:      ${a}\n  baseline: ${b}`);
}

export async function labThroughput(opts: BenchOptions): Promise<BenchOutcome> {
  // JIT, prepared statements, token cache; the lab has more code for V8 to optimize, and on a
  // loaded box its background compiles wait for a core too (its first 1 s slice ran slow).
  const warmupSec = 2;
  // Per server: point lookups 7 x 1.5 s (quick 2 x 1.5 s), the stats scan 2 x 4 s (quick 1 x 3 s).
  const plan = (name: string) =>
    name === 'stats'
      ? { pairs: opts.quick ? 1 : 2, sliceSec: opts.quick ? 3 : 4 }
      : { pairs: opts.quick ? 2 : POINT_LOOKUP_PAIRS, sliceSec: 1.5 };
  const scale = benchScale();
  const size = datasetSize(scale);

  // One sandbox file, opened by both servers, so both read the same pages from the same file.
  const dataDir = freshDataDir('lab-throughput', scale);
  const sandboxId = randomSandboxId();
  createSandboxFile(dataDir, sandboxId);
  const secret = loadSecret(dataDir, undefined);
  const appDb = openAppDb(dataDir);
  registerSandbox(appDb, 'lrn_bench', sandboxId); // the Shop API answers only a learner's own sandbox
  appDb.close();
  const token = await issueToken({ learnerId: 'lrn_bench', sandboxId }, secret, 3600);
  // Both get the header, so request bytes are identical; the baseline simply ignores it.
  const headers = { authorization: `Bearer ${token}` };

  const variants: Variant[] = [
    {
      name: 'stats',
      label: 'GET /products/{id}          (point + stats scan)',
      paths: randomPaths('/api/v1/products/', size.products),
    },
    {
      name: 'product',
      label: 'GET /products/{id}?fields=  (point, no stats)',
      paths: randomPaths('/api/v1/products/', size.products).map((p) => `${p}?fields=${PRODUCT_ROW_FIELDS}`),
    },
    {
      name: 'user',
      label: 'GET /users/{id}             (primary-key lookup)',
      paths: randomPaths('/api/v1/users/', size.users),
    },
  ];
  // Production's lab worker passes its bundled reader script; do the same so the lab is measured as shipped.
  const readerScript = path.join(REPO_ROOT, '.build', 'reader-worker.mjs');
  const readers = fs.existsSync(readerScript);
  if (!readers)
    console.log(`  note: ${readerScript} missing, the lab runs stats inline (run scripts/build-workers.mjs)`);
  console.log(
    `  scale ${scale}; ${CONNECTIONS} connections; per server ${warmupSec} s warm-up, then baseline/lab slice pairs in ABBA order (${plan('user').pairs} x ${plan('user').sliceSec} s on point lookups), ratio = median of the pairs' ratios; servers and load each in their own thread${readers ? '; lab stats on reader threads' : ''}`,
  );

  const lab = await startServerThread({
    benchRole: 'lab-server',
    dataDir,
    secret,
    readerScript: readers ? readerScript : undefined,
  });
  const base = await startServerThread({ benchRole: 'baseline-server', dataDir, sandboxId });
  const rows: string[][] = [];
  const ratios: Array<{ variant: Variant; ratio: number; pairRatios: number[]; cpuRatio: number }> = [];
  let problems = 0;
  try {
    for (const variant of variants) {
      await assertSameAnswer(lab, base, variant.paths[0] ?? '', token);
      // This box is shared (builds, tests, browsers come and go, load 2-12), so a
      // baseline-then-lab pair can see different neighbours. Short slices in ABBA order, one
      // pair at a time, and the ratio is the median of the pairs' ratios: a burst of
      // neighbour work lands in one pair and moves one ratio, not the verdict (the ratio of
      // summed req/s let one noisy slice swing it from 0.67 to 0.89). Only one server is
      // loaded (and busy: see drain) at a time; the warm-up runs before each target's first slice.
      // Slow variants get fewer, longer slices: each slice end abandons ~1 s of queued scans.
      const { pairs, sliceSec } = plan(variant.name);
      const order: Who[] = Array.from({ length: pairs }, (_, i) =>
        i % 2 ? ['lab', 'baseline'] : ['baseline', 'lab'],
      ).flat() as Who[];
      const parts: Record<Who, LoadResult[]> = { baseline: [], lab: [] };
      // The server thread's own CPU per answered request: what the pipeline costs, whatever
      // share of the cores the neighbours left (req/s moves with them; this barely does).
      const cpu: Record<Who, { ms: number; requests: number }> = {
        baseline: { ms: 0, requests: 0 },
        lab: { ms: 0, requests: 0 },
      };
      process.stdout.write(`  ${variant.name}: `);
      for (const who of order) {
        const server = who === 'lab' ? lab : base;
        const spec = {
          origin: `http://127.0.0.1:${server.port}`,
          connections: CONNECTIONS,
          client: CLIENT,
          warmupSec: 0,
          paths: variant.paths,
          headers,
        };
        if (parts[who].length === 0) {
          await runLoadInThread({ ...spec, durationSec: warmupSec });
          await server.drain();
        }
        const before = await server.busy();
        const r = await runLoadInThread({ ...spec, durationSec: sliceSec });
        await server.drain(); // its abandoned requests must not run during the other server's slice
        const after = await server.busy();
        cpu[who].ms += after.cpuMs - before.cpuMs;
        cpu[who].requests += after.completed - before.completed;
        parts[who].push(r);
        process.stdout.write(`${who[0]} ${int(r.rps)}  `);
      }
      console.log();
      const results = { baseline: mergeLoads(parts.baseline), lab: mergeLoads(parts.lab) };
      for (const who of ['baseline', 'lab'] as const) {
        const r = results[who];
        problems += r.non2xx + r.errors + r.timeouts;
        // The spread between slices shows how much the neighbours moved the figures.
        const spread = parts[who].map((p) => p.rps);
        rows.push([
          variant.name,
          who,
          int(r.rps),
          `${int(Math.min(...spread))}-${int(Math.max(...spread))}`,
          // The lab's scans run on reader threads, which this figure does not see.
          variant.name === 'stats' && who === 'lab' && readers
            ? '-'
            : ((1000 * cpu[who].ms) / Math.max(1, cpu[who].requests)).toFixed(1),
          ms(r.latency.p50),
          ms(r.latency.p99),
          int(r.ok),
          `${r.non2xx}/${r.errors}/${r.timeouts}`,
        ]);
      }
      // Pair i is the i-th lab slice and the i-th baseline slice, which ran back to back.
      const pairRatios = parts.lab.map((l, i) => l.rps / (parts.baseline[i]?.rps || NaN));
      const ratio = percentile(Float64Array.from(pairRatios).sort(), 0.5);
      const perRequest = (who: Who) => cpu[who].ms / Math.max(1, cpu[who].requests);
      ratios.push({ variant, ratio, pairRatios, cpuRatio: perRequest('baseline') / perRequest('lab') });
    }
  } finally {
    const [labStats] = await Promise.all([lab.stop(), base.stop()]);
    if (labStats.errors > 0) console.log(`  warning: the lab server logged ${labStats.errors} handler errors`);
  }

  console.log();
  printTable(
    ['variant', 'server', 'req/s', 'slice range', 'CPU us/req', 'p50 ms', 'p99 ms', 'responses', 'non2xx/err/timeout'],
    rows,
    'll',
  );
  console.log();
  let noisy = false;
  for (const { variant, ratio, pairRatios, cpuRatio } of ratios) {
    const [lo, hi] = [Math.min(...pairRatios), Math.max(...pairRatios)];
    // Two servers a few us/request apart cannot differ 2x between neighbouring slices: when
    // the pairs do, the neighbours set the figures, and one run's verdict says little.
    if (hi > 2 * lo) noisy = true;
    console.log(
      `  ${variant.label}: lab/baseline = ${ratio.toFixed(2)} (median of ${pairRatios.length} pairs, range ${lo.toFixed(2)}-${hi.toFixed(2)}${variant.name === 'stats' ? '' : `; server CPU/request baseline/lab ${cpuRatio.toFixed(2)}`})  ${ratio >= targetOf(variant.name) ? 'ok' : `below target ${targetOf(variant.name)}`}`,
    );
  }
  if (noisy) {
    const [load1] = os.loadavg();
    console.log(
      `  warning: pair ratios differ more than 2x within a variant (load average now ${load1?.toFixed(1)} on ${os.availableParallelism()} cores): the neighbours moved these figures more than the servers did`,
    );
  }
  if (problems > 0)
    console.log(`  warning: ${problems} non-2xx responses, errors or timeouts (see table); the figures are suspect`);
  const pass = problems === 0 && ratios.every((r) => r.ratio >= targetOf(r.variant.name));
  const summary = ratios.map((r) => `${r.variant.name} ${r.ratio.toFixed(2)}`).join(', ');
  console.log(
    `  ${verdict(pass, `lab/baseline throughput >= ${POINT_LOOKUP_TARGET} on point lookups, >= ${TARGET_RATIO} with the stats scan (${summary})`)}`,
  );
  return { pass, headline: `lab/baseline: ${summary}` };
}
