import { createLearnerWithSandbox, openAppDb } from '../lib/db/app-db';
import { openDatabase } from '../lib/db/open';
import { createSandboxFile, sandboxPath } from '../lib/db/sandboxes';
import { datasetSize } from '../lib/db/seed';
import { mergeSettings, type KnobSettings } from '../lib/knobs/schema';
import { writeSettings } from '../lib/knobs/store';
import { issueToken } from '../lib/learners/identity';
import { loadSecret } from '../lib/learners/secret';
import { findLesson } from '../lib/lessons/loader';
import { lessonStart } from '../lib/lessons/start-state';
import { loadProfileSchema, runLoad } from '../lib/load';
import { benchScale, freshDataDir, sleep } from './fixtures';
import { int, ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';
import { startServerThread } from './threads';

/**
 * The queues lesson's claim, measured at the lesson's own settings (lesson 11's frontmatter:
 * its start, its solution, its workload, its checks' thresholds): with the same configured
 * processing cost, queued POST /orders answers far faster than sync, but the order itself is
 * placed no sooner, and above the workers' drain rate (one worker) the backlog and the time to a
 * placed order grow, while the solution's workers keep up. Each case gets a fresh sandbox and a
 * fresh lab server thread with its knobs stored in app.db; the app's own load generator sends
 * create-order at the workload's fixed rate from this thread.
 */
export const QUEUES_SLUG = 'queues-for-slow-writes';

type Case = { name: string; settings: KnobSettings; rate: number };
type Row = {
  c: Case;
  p50: number;
  p95: number;
  p99: number;
  achieved: number;
  ok2xx: number;
  sent: number;
  placedP50: number;
  placedP95: number;
  drainMs: number;
  jobs: Record<string, number>;
};

async function runCase(dataDir: string, secret: Uint8Array, c: Case, durationSec: number): Promise<Row> {
  const appDb = openAppDb(dataDir);
  const { id: sandboxId, learnerId } = createLearnerWithSandbox(appDb, new Date());
  createSandboxFile(dataDir, sandboxId);
  const file = sandboxPath(dataDir, sandboxId);
  const setup = openDatabase(file);
  // Hot products would sell out and turn orders into cheap refusals: restock (untimed, same for every case).
  setup.prepare('UPDATE products SET stock = 1000000').run();
  setup.close();
  writeSettings(appDb, sandboxId, c.settings, new Date());
  appDb.close();

  const token = await issueToken({ learnerId, sandboxId }, secret, 3600);
  const lab = await startServerThread({ benchRole: 'lab-server', dataDir, secret });
  try {
    const size = datasetSize(benchScale());
    const profile = loadProfileSchema.parse({
      model: 'constant-arrival',
      rate: c.rate,
      durationSec,
      mix: [{ endpoint: 'create-order', weight: 1 }],
    });
    const queued = c.settings.writes.mode === 'queued';
    const endOfLoad = { at: 0 };
    const summary = await runLoad({
      profile,
      target: { host: '127.0.0.1', port: lab.port },
      token,
      keyspace: { users: size.users, products: size.products, emails: [] },
      onSecond: () => {},
      signal: new AbortController().signal,
      limits: { maxInFlight: 256 },
    });
    endOfLoad.at = Date.now();
    // Queued mode: the client has its answers; the orders are still being placed. Wait for the queue.
    const db = openDatabase(file, { readonly: true });
    const pending = () =>
      (db.prepare("SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running')").get() as { n: number }).n;
    while (pending() > 0) await sleep(20);
    const drainMs = queued ? Date.now() - endOfLoad.at : 0;
    const placed = (
      db
        .prepare(
          "SELECT (julianday(updated_at) - julianday(created_at)) * 86400000 AS ms FROM jobs WHERE status = 'succeeded'",
        )
        .all() as { ms: number }[]
    ).map((r) => r.ms);
    const jobs = Object.fromEntries(
      (
        db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status').all() as { status: string; n: number }[]
      ).map((r) => [r.status, r.n]),
    );
    db.close();
    const placedStats = summarize(placed);
    const lat = summary.latencyMs;
    if (!lat) throw new Error(`no latencies recorded for ${c.name} at ${c.rate}/s`);
    return {
      c,
      p50: lat.p50,
      p95: lat.p95,
      p99: lat.p99,
      achieved: summary.achievedRps,
      ok2xx: summary.counts.status['2xx'],
      sent: summary.counts.sent,
      // Sync: the order is placed when the response arrives, so the response time is the time to a placed order.
      placedP50: queued ? placedStats.p50 : lat.p50,
      placedP95: queued ? placedStats.p95 : lat.p95,
      drainMs,
      jobs,
    };
  } finally {
    await lab.stop();
  }
}

/** Lesson 11's numbers, read from its frontmatter so the bench cannot drift from the lesson. */
function lessonSettings() {
  const lesson = findLesson(QUEUES_SLUG);
  const fm = lesson?.frontmatter;
  if (!fm?.workload || fm.workload.model !== 'constant-arrival' || !fm.solution)
    throw new Error(`lesson ${QUEUES_SLUG} needs a constant-arrival workload and a solution`);
  const syncWaits = fm.checks.find((c) => c.id === 'sync-waits');
  const queuedP95 = fm.checks.find((c) => c.id === 'queued-p95');
  if (syncWaits?.kind !== 'run' || syncWaits.atLeast === undefined || queuedP95?.kind !== 'compare')
    throw new Error(`lesson ${QUEUES_SLUG}: its sync-waits and queued-p95 checks changed shape`);
  const start = lessonStart(fm).settings;
  if (start.writes.mode !== 'sync') throw new Error(`lesson ${QUEUES_SLUG} no longer starts in sync mode`);
  const { rate, durationSec } = fm.workload;
  const cases: Case[] = [
    { name: 'sync (lesson start)', settings: start, rate },
    // The queued-p95 check's "after": the same cost, one worker, only the mode switched.
    { name: 'queued, same workers', settings: mergeSettings(start, { writes: { mode: 'queued' } }), rate },
    { name: 'queued (lesson solution)', settings: mergeSettings(start, fm.solution), rate },
  ];
  return { cases, durationSec, syncFloor: syncWaits.atLeast, factor: queuedP95.factor };
}

export async function queuedWrites(opts: BenchOptions): Promise<BenchOutcome> {
  const lesson = lessonSettings();
  const durationSec = opts.quick ? Math.min(5, lesson.durationSec) : lesson.durationSec;
  const scale = benchScale();
  const dataDir = freshDataDir('queued-writes', scale);
  const secret = loadSecret(dataDir, undefined);
  const rows: Row[] = [];
  for (const c of lesson.cases) rows.push(await runCase(dataDir, secret, c, durationSec));

  console.log(
    `\n  POST /api/v1/orders at lesson 11's settings, ${durationSec} s at ${lesson.cases[0]?.rate}/s, scale ${scale}`,
  );
  printTable(
    [
      'case',
      'cost',
      'workers',
      'sent',
      '2xx',
      'achieved/s',
      'resp p50',
      'resp p95',
      'resp p99',
      'placed p50',
      'placed p95',
      'queue drained after load',
      'jobs',
    ],
    rows.map((r) => [
      r.c.name,
      `${r.c.settings.writes.processingMs} ms`,
      int(r.c.settings.writes.workers),
      int(r.sent),
      int(r.ok2xx),
      r.achieved.toFixed(1),
      `${ms(r.p50)} ms`,
      `${ms(r.p95)} ms`,
      `${ms(r.p99)} ms`,
      `${ms(r.placedP50)} ms`,
      `${ms(r.placedP95)} ms`,
      r.c.settings.writes.mode === 'queued' ? `${int(r.drainMs)} ms` : '-',
      Object.entries(r.jobs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '-',
    ]),
    'l',
  );
  const [sync, oneWorker, solution] = rows;
  if (!sync || !oneWorker || !solution) throw new Error('queued-writes: a case did not run');
  const sameWorkers = sync.p95 / oneWorker.p95;
  const solved = sync.p95 / solution.p95;
  const ratios = `sync p95 / queued p95: ${sameWorkers.toFixed(1)}x with ${oneWorker.c.settings.writes.workers} worker, ${solved.toFixed(1)}x with ${solution.c.settings.writes.workers} (the lesson asks ${lesson.factor}x); sync p95 ${ms(sync.p95)} ms (the lesson asks >= ${lesson.syncFloor} ms)`;
  console.log(`  ${ratios}`);
  const pass = sync.p95 >= lesson.syncFloor && sameWorkers >= lesson.factor && solved >= lesson.factor;
  const line = verdict(pass, "lesson 11's sync floor and queued-p95 factor hold at its own settings");
  console.log(`  ${line}`);
  return { pass, headline: ratios };
}
