import { createLearnerWithSandbox, openAppDb } from '../lib/db/app-db';
import { openDatabase } from '../lib/db/open';
import { createSandboxFile, sandboxPath } from '../lib/db/sandboxes';
import { datasetSize } from '../lib/db/seed';
import { DEFAULT_SETTINGS, mergeSettings, type KnobSettings } from '../lib/knobs/schema';
import { writeSettings } from '../lib/knobs/store';
import { issueToken } from '../lib/learners/identity';
import { loadSecret } from '../lib/learners/secret';
import { loadProfileSchema, runLoad } from '../lib/load';
import { benchScale, freshDataDir, sleep } from './fixtures';
import { int, ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';
import { startServerThread } from './threads';

/**
 * The queues lesson's claim, measured: with the same configured processing cost, queued
 * POST /orders answers far faster than sync, but the order itself is placed no sooner, and
 * above the workers' drain rate the backlog (and the time to a placed order) grows. Each
 * case gets a fresh sandbox and a fresh lab server thread with its writes knob stored in
 * app.db; the app's own load generator sends create-order at a fixed rate from this thread.
 */
type Case = { mode: KnobSettings['writes']['mode']; rate: number };
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

const PROCESSING_MS = 50;
const WORKERS = 1;

async function runCase(dataDir: string, secret: Uint8Array, c: Case, durationSec: number): Promise<Row> {
  const appDb = openAppDb(dataDir);
  const { id: sandboxId, learnerId } = createLearnerWithSandbox(appDb, new Date());
  createSandboxFile(dataDir, sandboxId);
  const file = sandboxPath(dataDir, sandboxId);
  const setup = openDatabase(file);
  // Hot products would sell out and turn orders into cheap refusals: restock (untimed, same for every case).
  setup.prepare('UPDATE products SET stock = 1000000').run();
  setup.close();
  writeSettings(
    appDb,
    sandboxId,
    mergeSettings(DEFAULT_SETTINGS, { writes: { mode: c.mode, processingMs: PROCESSING_MS, workers: WORKERS } }),
    new Date(),
  );
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
    const drainMs = c.mode === 'queued' ? Date.now() - endOfLoad.at : 0;
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
    if (!lat) throw new Error(`no latencies recorded for ${c.mode} at ${c.rate}/s`);
    return {
      c,
      p50: lat.p50,
      p95: lat.p95,
      p99: lat.p99,
      achieved: summary.achievedRps,
      ok2xx: summary.counts.status['2xx'],
      sent: summary.counts.sent,
      // Sync: the order is placed when the response arrives, so the response time is the time to a placed order.
      placedP50: c.mode === 'queued' ? placedStats.p50 : lat.p50,
      placedP95: c.mode === 'queued' ? placedStats.p95 : lat.p95,
      drainMs,
      jobs,
    };
  } finally {
    await lab.stop();
  }
}

export async function queuedWrites(opts: BenchOptions): Promise<BenchOutcome> {
  const durationSec = opts.quick ? 5 : 10;
  const scale = benchScale();
  const dataDir = freshDataDir('queued-writes', scale);
  const secret = loadSecret(dataDir, undefined);
  // 10/s is under one worker's drain rate at 50 ms per order (20/s); 30/s is over it.
  const cases: Case[] = [
    { mode: 'sync', rate: 10 },
    { mode: 'queued', rate: 10 },
    { mode: 'sync', rate: 30 },
    { mode: 'queued', rate: 30 },
  ];
  const rows: Row[] = [];
  for (const c of cases) rows.push(await runCase(dataDir, secret, c, durationSec));

  console.log(
    `\n  POST /api/v1/orders, processing ${PROCESSING_MS} ms (configured), ${WORKERS} worker, ${durationSec} s at a fixed rate, scale ${scale}`,
  );
  printTable(
    [
      'mode',
      'rate/s',
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
      r.c.mode,
      int(r.c.rate),
      int(r.sent),
      int(r.ok2xx),
      r.achieved.toFixed(1),
      `${ms(r.p50)} ms`,
      `${ms(r.p95)} ms`,
      `${ms(r.p99)} ms`,
      `${ms(r.placedP50)} ms`,
      `${ms(r.placedP95)} ms`,
      r.c.mode === 'queued' ? `${int(r.drainMs)} ms` : '-',
      Object.entries(r.jobs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '-',
    ]),
    'l',
  );
  const ratio = (rate: number) => {
    const s = rows.find((r) => r.c.mode === 'sync' && r.c.rate === rate);
    const q = rows.find((r) => r.c.mode === 'queued' && r.c.rate === rate);
    return s && q ? s.p95 / q.p95 : NaN;
  };
  const low = ratio(10);
  const high = ratio(30);
  console.log(`  sync p95 / queued p95: ${low.toFixed(1)}x at 10/s, ${high.toFixed(1)}x at 30/s`);
  const pass = low >= 5 && high >= 5;
  const line = verdict(pass, 'queued write p95 at least 5x lower than sync at the same configured cost');
  console.log(`  ${line}`);
  return { pass, headline: `sync/queued p95 ${low.toFixed(1)}x at 10/s, ${high.toFixed(1)}x at 30/s` };
}
