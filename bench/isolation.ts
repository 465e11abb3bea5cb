import path from 'node:path';
import type { ServerConfig } from '../lib/config';
import { templateKeyspace } from '../lib/db/template';
import { isSchemaChangeBusy, isLockConflict } from '../lib/db/lock-conflict';
import { openAppDb, registerSandbox } from '../lib/db/app-db';
import { DEFAULT_SETTINGS } from '../lib/knobs/schema';
import { setLabHost, startWorkerLabHost, type LabHost } from '../lib/lab-server/host';
import { issueToken } from '../lib/learners/identity';
import { loadSecret } from '../lib/learners/secret';
import { benchScale, freshDataDir, randomSandboxId, REPO_ROOT, sleep } from './fixtures';
import { ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';

/**
 * Isolation (issue 14): learner B's latency on a reader-thread endpoint (GET /products/{id},
 * whose sales stats are an aggregate over orders run on a reader thread) while learner A does
 * the worst schema work the product allows: SQL-console index builds and drops, knob index
 * flips at the same time (so A also meets its own schema lock), and writes to its sandbox.
 * Against B's latency with A idle, in the same run on the same server. Target: B's p99 under
 * 500 ms with A busy, and A never gets a 500.
 *
 * Without an index, B's endpoint is itself a scan of a million orders per request at full scale
 * (the indexes lesson's "before"): its p99 with A idle is over a second on this machine, which
 * says nothing about isolation. So by default B has an index on orders(product_id) first (as
 * a learner past that lesson would), and what is left is what A's work costs B.
 * BENCH_ISOLATION_B_INDEX=0 measures the unindexed B instead.
 */
const TARGET_P99_MS = 500;
const B_CLIENTS = 4;

type Status = number | 'error';

async function bLoop(
  origin: string,
  token: string,
  products: number,
  until: number,
  stats: number[],
  users: number[],
  statuses: Map<Status, number>,
) {
  let i = 0;
  while (Date.now() < until) {
    const p = i++ % 4 === 3 ? `/users/${1 + (i % 1000)}` : `/products/${1 + Math.floor(Math.random() * products)}`;
    const t0 = performance.now();
    let status: Status = 'error';
    try {
      const res = await fetch(`${origin}/api/v1${p}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      // counted as 'error'
    }
    (p.startsWith('/users') ? users : stats).push(performance.now() - t0);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}

/** A's worst day: console builds, knob flips and writes, all at once, until `until`. */
async function aWorkload(lab: LabHost, origin: string, sandboxId: string, token: string, until: number) {
  const outcomes = new Map<string, number>();
  const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  const classify = (err: unknown) => (isSchemaChangeBusy(err) ? '409' : isLockConflict(err) ? '503' : '500');
  const consoleLoop = async () => {
    for (let on = true; Date.now() < until; on = !on) {
      const sql = on ? 'CREATE INDEX bench_a_orders ON orders(product_id, created_at)' : 'DROP INDEX bench_a_orders';
      const r = await lab
        .call('sqlIndexStatement', { sandboxId, sql }, 60_000)
        .catch((err: unknown) => ({ ok: false as const, code: classify(err), message: String(err) }));
      count(
        r.ok
          ? 'console 200'
          : r.code === 'schema-busy'
            ? 'console 409'
            : r.code === 'locked'
              ? 'console 503'
              : `console ${r.code}`,
      );
      await sleep(50); // a learner retrying a 409 at once, not a spin
    }
  };
  const knobLoop = async () => {
    for (let on = true; Date.now() < until; on = !on) {
      const indexes = { idx_order_user_id: on, idx_order_created_at: on };
      await lab.call('applyKnobs', { sandboxId, settings: DEFAULT_SETTINGS, indexes }, 120_000).then(
        () => count('knobs 200'),
        (err: unknown) => count(`knobs ${classify(err)}`),
      );
      await sleep(50);
    }
  };
  const writeLoop = async () => {
    while (Date.now() < until) {
      const res = await fetch(`${origin}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 1, product_id: 1 }),
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (r) => (await r.arrayBuffer(), String(r.status)),
        () => 'error',
      );
      count(`write ${res}`);
      await sleep(20);
    }
  };
  await Promise.all([consoleLoop(), knobLoop(), writeLoop()]);
  return outcomes;
}

export async function isolation(opts: BenchOptions): Promise<BenchOutcome> {
  const scale = benchScale();
  const seconds = opts.quick ? 8 : 20;
  const bIndexed = process.env.BENCH_ISOLATION_B_INDEX !== '0';
  const dataDir = freshDataDir('isolation', scale);
  const secret = loadSecret(dataDir, undefined);
  const a = randomSandboxId();
  const b = randomSandboxId();
  // The Shop API answers only a learner's own sandbox: without these rows every request is a 401,
  // and the bench would time 401s.
  const appDb = openAppDb(dataDir);
  registerSandbox(appDb, 'lrn_bench_a', a);
  registerSandbox(appDb, 'lrn_bench_b', b);
  appDb.close();
  const config = { dataDir, scale, labPort: 0, secret: undefined } as unknown as ServerConfig;
  const lab = startWorkerLabHost(config, path.join(REPO_ROOT, '.build', 'lab-worker.mjs'));
  const rows: string[][] = [];
  const p99 = new Map<string, number>();
  let aOutcomes = new Map<string, number>();
  let bNot200 = 0;
  try {
    const origin = `http://127.0.0.1:${await lab.ready()}`;
    const { products } = templateKeyspace(dataDir);
    const tokenA = await issueToken({ learnerId: 'lrn_bench_a', sandboxId: a }, secret, 3600);
    const tokenB = await issueToken({ learnerId: 'lrn_bench_b', sandboxId: b }, secret, 3600);
    // Both sandboxes exist and are warm before anything is measured.
    for (const t of [tokenA, tokenB]) {
      const r = await fetch(`${origin}/api/v1/products/1`, { headers: { authorization: `Bearer ${t}` } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`warming a sandbox answered ${r.status}, not 200`);
    }
    if (bIndexed) {
      const r = await lab.call(
        'sqlIndexStatement',
        { sandboxId: b, sql: 'CREATE INDEX b_orders_product ON orders(product_id)' },
        120_000,
      );
      if (!r.ok) throw new Error(`could not index B's orders: ${r.message}`);
    }

    for (const phase of ['A idle', 'A busy'] as const) {
      const until = Date.now() + seconds * 1000;
      const stats: number[] = [];
      const users: number[] = [];
      const statuses = new Map<Status, number>();
      const bRuns = Array.from({ length: B_CLIENTS }, () =>
        bLoop(origin, tokenB, products, until, stats, users, statuses),
      );
      const aRun =
        phase === 'A busy' ? aWorkload(lab, origin, a, tokenA, until) : Promise.resolve(new Map<string, number>());
      await Promise.all(bRuns);
      if (phase === 'A busy') aOutcomes = await aRun;
      const s = summarize(stats);
      const u = summarize(users);
      p99.set(phase, s.p99);
      bNot200 += [...statuses].filter(([k]) => k !== 200).reduce((n, [, v]) => n + v, 0);
      rows.push([
        phase,
        String(s.n),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.max),
        ms(u.p99),
        JSON.stringify(Object.fromEntries(statuses)),
      ]);
    }
    const st = await lab.call('status', {});
    console.log(`  index builder: ${st.indexBuilder.lockRetries} lock retries (builds that yielded to A's own writes)`);
  } finally {
    await lab.stop();
    setLabHost(undefined);
  }
  console.log(
    `  scale ${scale}, ${B_CLIENTS} closed-loop clients for B, ${seconds} s per phase; B's orders ${bIndexed ? 'indexed on product_id' : 'not indexed (each stats request scans them)'}`,
  );
  printTable(['phase', 'B stats n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'B users p99', 'B statuses'], rows, 'l');
  const aCounts = Object.fromEntries([...aOutcomes].sort());
  console.log(`  A's outcomes: ${JSON.stringify(aCounts)}`);
  const a500 = [...aOutcomes].filter(([k]) => /\b500\b|error/.test(k)).reduce((n, [, v]) => n + v, 0);
  // A's writes must be served (201) or refused for its own lock (503): a 401 means the bench is broken.
  const aUnserved = [...aOutcomes].filter(([k]) => /^write (?!201|503)/.test(k)).reduce((n, [, v]) => n + v, 0);
  const busy = p99.get('A busy') ?? NaN;
  const idle = p99.get('A idle') ?? NaN;
  const pass = busy < TARGET_P99_MS && a500 === 0 && bNot200 === 0 && aUnserved === 0;
  console.log(
    `  ${verdict(pass, `B's p99 with A busy < ${TARGET_P99_MS} ms, no 500 for A, every B answer 200, A's writes 201 or 503`)}`,
  );
  return {
    pass,
    headline: `B p99 ${ms(idle)} ms (A idle) -> ${ms(busy)} ms (A busy), A 500s: ${a500}, B non-200: ${bNot200}, scale ${scale}${bIndexed ? ', B indexed' : ''}`,
  };
}
