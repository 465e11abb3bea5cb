import os from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { capstone } from './capstone';
import { cluster } from './cluster';
import { runCleanups } from './fixtures';
import { generatorAccuracy } from './generator-accuracy';
import { indexWrites } from './index-writes';
import { indexGap } from './index-gap';
import { isolation } from './isolation';
import { labOverhead } from './lab-overhead';
import { labThroughput } from './lab-throughput';
import { lighthouseBench } from './lighthouse';
import { paginationDepth } from './pagination-depth';
import { queuedWrites } from './queued-writes';
import { int, printTable, type BenchOptions, type BenchOutcome } from './report';
import { separation } from './separation';
import { runWorkerRole, type WorkerRole } from './threads';
import { workshop } from './workshop';

/**
 * `npm run bench [-- --only <name>] [-- --quick]`. Benchmarks report; they are not tests:
 * every bench prints its table and a PASS/FAIL against its target, and this runner exits 0
 * either way (a slow CI box must not turn red), after a summary of all of them.
 */
const BENCHES: Record<string, { what: string; run: (opts: BenchOptions) => Promise<BenchOutcome> }> = {
  'index-gap': {
    what: 'the dataset makes the teaching indexes worth >= 100x, and a sandbox copies in < 2 s',
    run: indexGap,
  },
  'lab-throughput': { what: 'lab server vs bare node:http + SQLite on the same queries', run: labThroughput },
  'lab-overhead': {
    what: 'lab server vs bare node:http: event-loop busy time per point lookup (the hot path)',
    run: labOverhead,
  },
  separation: { what: 'main thread stays responsive while the lab server is saturated', run: separation },
  'index-writes': {
    what: 'writes pay for indexes: createOrder with and without the teaching indexes',
    run: indexWrites,
  },
  'pagination-depth': { what: 'offset grows with depth, keyset stays flat', run: paginationDepth },
  'generator-accuracy': {
    what: 'the load generator against a known truth (and against autocannon)',
    run: generatorAccuracy,
  },
  'queued-writes': {
    what: 'queued POST /orders answers faster than sync at the same configured cost; the backlog shows',
    run: queuedWrites,
  },
  capstone: {
    what: "the capstone spike: legitimate clients' p95 with everything off vs the solution knobs, against the lesson target",
    run: capstone,
  },
  isolation: {
    what: "learner B's p99 on a reader-thread endpoint while learner A does the worst schema work allowed",
    run: isolation,
  },
  lighthouse: {
    what: 'Lighthouse mobile on the landing pages of a production build: performance, LCP, TBT, bytes',
    run: lighthouseBench,
  },
  workshop: { what: '30 learners in one room: control API p95 and SSE delay while their runs go', run: workshop },
  cluster: {
    what: 'what nginx adds to a control call, and the workshop room on 1 node vs 3 nodes behind nginx',
    run: cluster,
  },
};

function parseArgs(argv: string[]): { only: string[]; quick: boolean } {
  const only: string[] = [];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--only') only.push(argv[++i] ?? '');
    else if (a?.startsWith('--only=')) only.push(a.slice('--only='.length));
    else throw new Error(`unknown argument ${a}; usage: bench [--only <${Object.keys(BENCHES).join('|')}>] [--quick]`);
  }
  for (const name of only)
    if (!BENCHES[name]) throw new Error(`no bench named "${name}"; have: ${Object.keys(BENCHES).join(', ')}`);
  return { only, quick };
}

async function main(): Promise<void> {
  // An interrupted run must still stop the app it started and delete its temp data.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      runCleanups();
      process.exit(130);
    });
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    return;
  }
  const names = args.only.length ? args.only : Object.keys(BENCHES);
  const started = performance.now();
  console.log(`Scale Lab benchmarks${args.quick ? ' (quick)' : ''}: ${names.join(', ')}  [node ${process.version}]`);
  // Figures from a busy machine are not comparable with a quiet one; say which this was.
  const [load1] = os.loadavg();
  const cores = os.availableParallelism();
  console.log(
    `load average ${load1?.toFixed(2)} on ${cores} cores${(load1 ?? 0) > cores / 2 ? ': other work is running, expect noisy figures' : ''}`,
  );

  const summary: string[][] = [];
  try {
    for (const name of names) {
      const bench = BENCHES[name];
      if (!bench) continue;
      console.log(`\n== ${name}: ${bench.what}`);
      const t0 = performance.now();
      let verdict = 'ERROR';
      let headline = '';
      try {
        const outcome = await bench.run({ quick: args.quick });
        verdict = outcome.pass ? 'PASS' : 'FAIL';
        headline = outcome.headline;
      } catch (err) {
        // One broken bench must not hide the others' figures.
        console.error(`  ERROR: ${(err as Error).stack ?? String(err)}`);
        headline = (err as Error).message.split('\n')[0] ?? '';
      }
      summary.push([name, verdict, `${int((performance.now() - t0) / 1000)} s`, headline]);
    }
  } finally {
    runCleanups();
  }
  console.log(`\n== summary (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  printTable(['bench', 'result', 'time', 'figures'], summary, 'llrl');
}

if (!isMainThread && (workerData as WorkerRole | undefined)?.benchRole) {
  await runWorkerRole(workerData as WorkerRole);
} else {
  await main();
  process.exit(0); // exit 0 even on FAIL: benchmarks report, they do not gate
}
