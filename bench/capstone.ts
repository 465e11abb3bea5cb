import path from 'node:path';
import type { ServerConfig } from '../lib/config';
import { templateKeyspace } from '../lib/db/template';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from '../lib/knobs/schema';
import { startWorkerLabHost, setLabHost } from '../lib/lab-server/host';
import { issueToken } from '../lib/learners/identity';
import { openAppDb, registerSandbox } from '../lib/db/app-db';
import { loadSecret } from '../lib/learners/secret';
import { findLesson } from '../lib/lessons/loader';
import type { RunSummary } from '../lib/load/generator';
import type { LoadWorkerEvent } from '../lib/load/messages';
import { startLoadHost } from '../lib/runs/load-host';
import { benchScale, freshDataDir, randomSandboxId, REPO_ROOT } from './fixtures';
import { ms, printTable, verdict, type BenchOptions, type BenchOutcome } from './report';

/**
 * The capstone's spike workload, run as the app runs it (the bundled lab server and load
 * generator worker threads), with everything off and with the lesson's solution knobs, each
 * on a fresh sandbox. It justifies the lesson's p95 target: reachable with the knobs with a
 * clear margin, far out of reach without them. Graded figures are the legitimate clients'
 * (everyone but the abuser), as in the lesson's check.
 */
export const CAPSTONE_SLUG = 'capstone-survive-the-spike';

type Variant = { name: string; patch: SettingsPatch };

/**
 * Waits until the lab has worked off the previous variant's backlog: a request abandoned at
 * its timeout may still be queued (a stats scan on a reader thread cannot be cancelled). One
 * fast probe can slip between two queued scans, so it takes five fast answers in a row, a
 * second apart (a full-scale run once passed a single-probe check and wrecked the next two).
 */
async function settle(port: number, token: string): Promise<number> {
  const t0 = performance.now();
  let fast = 0;
  for (let i = 0; i < 600 && fast < 5; i++) {
    const t = performance.now();
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/users/1`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    fast = ok && performance.now() - t < 50 ? fast + 1 : 0;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return performance.now() - t0 - 5000;
}

/** shouldPass null: measured and printed, not graded (see `needed`). */
type Graded = { name: string; p95: number; errPct: number; passes: boolean; shouldPass: boolean | null };

/** The scales to run: SCALE_LAB_SCALE if set, else the course's (1) and the end-to-end test's (0.1). */
function scales(): number[] {
  return process.env.SCALE_LAB_SCALE ? [benchScale()] : [1, 0.1];
}

export async function capstone(opts: BenchOptions): Promise<BenchOutcome> {
  const lesson = findLesson(CAPSTONE_SLUG);
  if (!lesson?.frontmatter.workload) throw new Error(`lesson ${CAPSTONE_SLUG} has no workload`);
  const check = lesson.frontmatter.checks.find((c) => c.kind === 'run' && c.metric === 'fairP95');
  if (check?.kind !== 'run' || check.atMost === undefined)
    throw new Error(`lesson ${CAPSTONE_SLUG} has no fairP95 check`);
  const target = { p95: check.atMost, errPct: check.alsoAtMost?.fairErrorPct ?? Infinity };
  const outcomes: { scale: number; graded: Graded[] }[] = [];
  for (const scale of scales())
    outcomes.push({ scale, graded: await runScale(scale, lesson.frontmatter, target, opts) });

  const wrong = outcomes.flatMap((o) =>
    o.graded
      .filter((g) => g.shouldPass !== null && g.passes !== g.shouldPass)
      .map((g) => `${g.name} at scale ${o.scale}`),
  );
  const pass = wrong.length === 0;
  console.log(
    `  ${verdict(pass, pass ? 'every single change fails the check and the combination passes, at every scale' : `wrong verdict: ${wrong.join(', ')}`)}`,
  );
  const headline = outcomes
    .map(({ scale, graded }) => {
      const sol = graded.at(-1);
      const bestSingle = graded.filter((g) => g.shouldPass === false).sort((a, b) => a.p95 - b.p95)[0];
      return `scale ${scale}: solution p95 ${ms(sol?.p95 ?? NaN)} ms, best failing ${bestSingle ? `${bestSingle.name} p95 ${ms(bestSingle.p95)} ms, ${bestSingle.errPct.toFixed(2)}% errors` : '-'}`;
    })
    .join('; ');
  return { pass, headline: `${headline}; target p95 <= ${target.p95} ms, errors <= ${target.errPct}%` };
}

async function runScale(
  scale: number,
  fm: NonNullable<ReturnType<typeof findLesson>>['frontmatter'],
  target: { p95: number; errPct: number },
  opts: BenchOptions,
): Promise<Graded[]> {
  const { preset, solution } = fm;
  // For tuning: CAPSTONE_PROFILE='{"rate":20}' tries another workload without editing the lesson.
  if (!fm.workload) throw new Error(`lesson ${CAPSTONE_SLUG} has no workload`);
  const workload = { ...fm.workload, ...(JSON.parse(process.env.CAPSTONE_PROFILE ?? '{}') as object) };
  console.log(`\n  scale ${scale}:`);
  const dataDir = freshDataDir('capstone', scale);
  const secret = loadSecret(dataDir, undefined);
  const build = path.join(REPO_ROOT, '.build');
  // The lab host reads only these fields of the server's config; the bench has no HTTP server to configure.
  const config = { dataDir, scale, labPort: 0, secret: undefined } as unknown as ServerConfig;
  const lab = startWorkerLabHost(config, path.join(build, 'lab-worker.mjs'));
  const waiting = new Map<string, (e: LoadWorkerEvent) => void>();
  const load = startLoadHost(
    { limits: { maxDurationSec: 60 }, maxTotalRate: 4000 },
    (e) => e.type !== 'ready' && waiting.get(e.runId)?.(e),
    (why) => console.log(`  ${why}`),
    path.join(build, 'load-worker.mjs'),
  );
  const port = await lab.ready();
  while (!load.isUp()) await new Promise((r) => setTimeout(r, 50));
  const keyspace = templateKeyspace(dataDir);
  const appDb = openAppDb(dataDir);

  // Each lever of the course on its own, on top of the lesson's preset (everything off).
  const levers: [string, SettingsPatch][] = [
    ['indexes', { indexes: solution?.indexes }],
    ['cursor pages + join', { pagination: solution?.pagination, queryShape: solution?.queryShape }],
    ['rate limit', { rateLimit: solution?.rateLimit }],
    ['queued writes', { writes: { ...preset.writes, ...solution?.writes } }],
  ];
  const withLevers = (list: [string, SettingsPatch][]): SettingsPatch =>
    Object.assign({ ...preset }, ...list.map(([, p]) => p)) as SettingsPatch;
  // Every lever but one, for the levers the solution needs. The limiter and the queue are needed at any
  // dataset size (they are about the abuser's share and the payment call, not about rows). The indexes
  // are needed on the course's dataset; on a tenth of it, once the limiter has turned the abuser away,
  // the legitimate clients' scans are cheap enough (measured twice: p95 28 and 35 ms at 0.1, 2,018 and 2,048 ms at 1), so that
  // row is printed there, not graded.
  const needed: [string, boolean | null][] = [
    ['indexes', scale >= 1 ? false : null],
    ['rate limit', false],
    ['queued writes', false],
  ];
  const variants: (Variant & { shouldPass: boolean | null })[] = [
    { name: 'everything off (preset)', patch: preset, shouldPass: false },
    ...(opts.quick
      ? []
      : [
          ...levers.map(([name, p]) => ({ name: `${name} only`, patch: withLevers([[name, p]]), shouldPass: false })),
          // Every lever but one the solution needs: the combination needs each of them.
          ...needed.map(([left, shouldPass]) => ({
            name: `all but ${left}`,
            patch: withLevers(levers.filter(([n]) => n !== left)),
            shouldPass,
          })),
        ]),
    {
      name: 'solution (Show me)',
      patch: { ...preset, ...solution, writes: { ...preset.writes, ...solution?.writes } },
      shouldPass: true,
    },
  ];

  const rows: string[][] = [];
  const graded: Graded[] = [];
  try {
    for (const v of variants) {
      const sandboxId = randomSandboxId();
      const { indexes, ...knobs } = v.patch;
      const settings = mergeSettings(DEFAULT_SETTINGS, knobs);
      await lab.call('applyKnobs', { sandboxId, settings, indexes }, 120_000);
      // The Shop API answers only a learner's own sandbox, and a learner has one: a learner per variant
      // (a second sandbox registered to one learner is ignored, and its every request answered 401).
      const learnerId = `lrn_bench_${sandboxId.slice(4)}`;
      registerSandbox(appDb, learnerId, sandboxId);
      const token = await issueToken({ learnerId, sandboxId }, secret, 600);
      const runId = `run_${v.name.replace(/\W+/g, '_')}`;
      process.stdout.write(`  ${v.name}: `);
      const summary = await new Promise<RunSummary>((resolve, reject) => {
        waiting.set(runId, (e) => {
          if (e.type === 'done') resolve(e.summary);
          else if (e.type === 'error') reject(new Error(e.message));
          else if (e.type === 'second') process.stdout.write('.');
        });
        load.send({
          type: 'start',
          runId,
          profile: workload,
          target: { host: '127.0.0.1', port },
          token,
          keyspace: { ...keyspace, pagination: settings.pagination.mode },
        });
      });
      waiting.delete(runId);
      // A run whose every answer was a refusal (401, 404) is the bench's mistake, not a measurement:
      // fast 4xx count as neither slow nor failed, so it would "pass".
      if (summary.counts.status['2xx'] === 0)
        throw new Error(
          `${v.name}: no request succeeded (${JSON.stringify(summary.counts.status)}); the bench is broken`,
        );
      const fair = summary.fair;
      const p95 = fair?.latencyMs?.p95 ?? summary.latencyMs?.p95 ?? NaN;
      const errPct = fair?.errorPct ?? summary.errorPct;
      const passes = p95 <= target.p95 && errPct <= target.errPct;
      graded.push({ name: v.name, p95, errPct, passes, shouldPass: v.shouldPass });
      // The margin: how far inside (solution) or outside (the rest) the check's limits the run is.
      const margin = passes
        ? `passes: p95 ${(target.p95 / p95).toFixed(1)}x under ${target.p95} ms`
        : `fails: ${[p95 > target.p95 && `p95 ${(p95 / target.p95).toFixed(1)}x the ${target.p95} ms`, errPct > target.errPct && `${errPct.toFixed(2)}% errors (limit ${target.errPct}%)`].filter(Boolean).join(', ')}`;
      console.log(
        ` p95 ${ms(p95)} ms, ${errPct.toFixed(2)}% errors: ${margin}${v.shouldPass === null ? '  (not graded at this scale)' : passes === v.shouldPass ? '' : '  <-- unexpected'}`,
      );
      const status = summary.counts.status;
      rows.push([
        v.name,
        ms(p95),
        errPct.toFixed(2),
        ms(summary.latencyMs?.p95 ?? NaN),
        `${summary.achievedRps.toFixed(0)}/${summary.targetRps?.toFixed(0) ?? '-'}`,
        String(summary.counts.rateLimited),
        String(fair?.rateLimited ?? 0),
        String(status['5xx']),
        String(summary.counts.timeouts),
        passes ? 'pass' : 'fail',
      ]);
      // Requests abandoned at the timeout may still be queued in the lab: let them finish before the next variant.
      const waited = await settle(port, token);
      if (waited > 1000)
        console.log(`    the lab needed ${(waited / 1000).toFixed(0)} s to work off this run's abandoned requests`);
    }
  } finally {
    await load.stop();
    await lab.stop();
    setLabHost(undefined);
  }
  console.log();
  printTable(
    [
      'knobs',
      'fair p95 ms',
      'fair err %',
      'all p95 ms',
      'req/s got/target',
      '429s',
      'fair 429s',
      '5xx',
      'timeouts',
      'check',
    ],
    rows,
    'l',
  );
  return graded;
}
