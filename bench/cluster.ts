import { startApp, type AppProcess } from './app-process';
import fs from 'node:fs';
import path from 'node:path';
import { addCleanup, benchScale, freshDataDir, REPO_ROOT } from './fixtures';
import { ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';
import { MAX_RUNS } from './workshop-plan';
import { runRoom, TARGET_CONTROL_P95_MS, TARGET_SSE_DELAY_MAX_MS, type RoomResult } from './workshop-room';
import { randomBytes } from 'node:crypto';
import { pgTestSchema } from '../lib/testing/test-pg';
import { findNginx } from '../scripts/cluster/nginx-conf.mjs';
import { startNginx, type Nginx } from '../tests/cluster/loopback';
import { clusterNodeEnv } from '../tests/cluster/nodes';

/**
 * Real cluster nodes (PostgreSQL the source of truth, one fresh schema for the run, dropped at the
 * end) behind the shipped nginx config, on this machine: what nginx adds to a control call (the
 * same call direct and through nginx, interleaved), and the workshop room (30 learners, their runs
 * and SSE streams) against one node direct and against three nodes behind nginx, one room.
 * Without PostgreSQL the node runs embedded and the 3-node part is skipped (three embedded nodes
 * would be three rooms, not a cluster); without nginx only the 1-node room runs.
 * On 2 cores three nodes share the same CPUs, so this measures the cost of the cluster's moving
 * parts, not a capacity gain; deploy/README.md derives sizing from the per-node figures.
 */
const OVERHEAD_CALLS = 400;
// Read from the repository: the bundled bench cannot find it relative to itself.
const TEMPLATE = () => fs.readFileSync(path.join(REPO_ROOT, 'deploy', 'nginx.conf'), 'utf8');
const TARGET_NGINX_P50_ADDED_MS = 5;

async function timeCall(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

export async function cluster(opts: BenchOptions): Promise<BenchOutcome> {
  const scale = opts.quick ? Math.min(benchScale(), 0.1) : benchScale();
  // pgTestSchema says why and returns null without a server (throws where SCALE_LAB_REQUIRE_CLUSTER=1).
  const db = await pgTestSchema('bench_cluster');
  const nginxBin = findNginx();
  if (!db)
    console.log('  SKIPPED: PostgreSQL unreachable, so no cluster: 1 node embedded (SQLite) only, no 3-node room');
  if (!nginxBin)
    console.log('  SKIPPED: nginx not found (apt-get install -y nginx): no nginx overhead, no 3-node room');
  const runId = `bench-${randomBytes(3).toString('hex')}`; // node ids, to find their PostgreSQL connections
  const secret = randomBytes(48).toString('base64url'); // shared by every node; >= 32 chars in cluster mode
  const basePort = Number(process.env.BENCH_CLUSTER_PORT ?? 3230);
  const nodes: AppProcess[] = [];
  let nginx: Nginx | undefined;
  const savedMaxRuns = process.env.SCALE_LAB_MAX_RUNS;
  process.env.SCALE_LAB_MAX_RUNS = String(MAX_RUNS);
  const startNode = async (i: number) => {
    const t0 = performance.now();
    const port = basePort + 1 + i;
    const node = await startApp({
      dataDir: freshDataDir(`cluster-node-${i}`, scale),
      scale,
      port,
      labPort: basePort + 11 + i,
      env: db
        ? {
            ...clusterNodeEnv(`${runId}-${i + 1}`, port),
            SCALE_LAB_DATABASE_URL: db.schemaUrl(),
            SCALE_LAB_SECRET: secret,
          }
        : {},
    });
    nodes.push(node);
    console.log(`  node ${i + 1} ready on ${node.origin} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return node;
  };
  const forgetNginx = addCleanup(() => void nginx?.stop());
  const forgetDb = addCleanup(() => void db?.drop());
  try {
    console.log(
      `  scale ${scale}; SCALE_LAB_MAX_RUNS=${MAX_RUNS} (${db ? 'room-wide: one budget over every node' : 'per node'}); ` +
        (db ? `PostgreSQL schema ${db.schema} (dropped at the end)` : 'embedded, no PostgreSQL') +
        (nginxBin ? `; nginx on 127.0.0.1:${basePort}` : ''),
    );
    const first = await startNode(0);
    let added = Number.NaN;
    let overheadOk = true;
    if (nginxBin) {
      nginx = await startNginx(basePort, [first.origin.replace('http://', '')], TEMPLATE());
      ({ added, overheadOk } = await nginxOverhead(first.origin, `http://127.0.0.1:${basePort}`));
    }

    // 2. The room on one node, direct.
    console.log('\n  -- the room on 1 node, direct');
    const one = await runRoom({ origin: first.origin, quick: opts.quick, logFiles: [first.logFile] });
    const roomOk = (r: RoomResult) =>
      r.controlP95 < TARGET_CONTROL_P95_MS && r.failures === 0 && r.sseMax <= TARGET_SSE_DELAY_MAX_MS;

    // 3. The room on three nodes behind nginx: one room (the same schema), each learner pinned by
    // the affinity cookie to one node. The first pass's learners stay in the room, their runs over.
    let three: RoomResult | undefined;
    if (db && nginx) {
      console.log('\n  -- the room on 3 nodes behind nginx, one PostgreSQL');
      await startNode(1);
      await startNode(2);
      await nginx.stop();
      nginx = await startNginx(
        basePort,
        nodes.map((n) => n.origin.replace('http://', '')),
        TEMPLATE(),
      );
      three = await runRoom({
        origin: `http://127.0.0.1:${basePort}`,
        quick: opts.quick,
        logFiles: nodes.map((n) => n.logFile),
      });
      // PostgreSQL's share: the connections each node holds (pools, heartbeat, LISTEN), by application_name.
      const conns = await db.pool({ max: 1 }).query<{ name: string; n: number; active: number }>(
        `SELECT application_name AS name, count(*)::int AS n, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE application_name LIKE $1 GROUP BY 1 ORDER BY 1`,
        [`scale-lab ${runId}-%`],
      );
      for (const c of conns.rows) console.log(`  PostgreSQL connections of ${c.name}: ${c.n} (${c.active} active)`);
    }

    const row = (label: string, r: RoomResult) => [
      label,
      ms(r.controlP95),
      String(r.failures),
      ms(r.sseP95),
      ms(r.sseMax),
      String(r.started),
    ];
    console.log();
    printTable(
      ['room of 30', 'control p95 ms', 'failed calls', 'SSE late p95 ms', 'SSE late max ms', 'runs started'],
      [
        row(db ? '1 node, direct' : '1 node, direct (embedded)', one),
        ...(three ? [row('3 nodes behind nginx', three)] : []),
      ],
    );
    return {
      pass: overheadOk && roomOk(one) && (!three || roomOk(three)),
      headline:
        (nginxBin ? `nginx adds ${ms(added)} ms p50 to a control call; ` : 'nginx missing; ') +
        `control p95 ${ms(one.controlP95)} ms on 1 node` +
        (three ? ` vs ${ms(three.controlP95)} ms on 3 behind nginx` : ' (3-node part skipped)') +
        `; SSE late max ${ms(one.sseMax)}` +
        (three ? ` vs ${ms(three.sseMax)} ms` : ' ms'),
    };
  } finally {
    if (savedMaxRuns === undefined) delete process.env.SCALE_LAB_MAX_RUNS;
    else process.env.SCALE_LAB_MAX_RUNS = savedMaxRuns;
    await nginx?.stop();
    forgetNginx();
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.drop();
    forgetDb();
  }
}

/** 1. What nginx adds: the same calls direct and through nginx, alternating. */
async function nginxOverhead(direct: string, via: string): Promise<{ added: number; overheadOk: boolean }> {
  {
    // The knob read is rate limited per learner (control-read: a burst of 120), so 8 learners make 50 pairs each.
    const health = { direct: [] as number[], proxied: [] as number[] };
    const settings = { direct: [] as number[], proxied: [] as number[] };
    for (let i = 0; i < 20; i++) {
      // warm-up
      await timeCall(`${direct}/api/lab/health`, {});
      await timeCall(`${via}/api/lab/health`, {});
    }
    for (let i = 0; i < OVERHEAD_CALLS; i++) {
      health.direct.push(await timeCall(`${direct}/api/lab/health`, {}));
      health.proxied.push(await timeCall(`${via}/api/lab/health`, {}));
    }
    for (let l = 0; l < 8; l++) {
      const claim = await fetch(`${direct}/api/lab/sandbox`, { method: 'POST' });
      const { token } = (await claim.json()) as { token: string };
      const headers = { authorization: `Bearer ${token}` };
      for (let i = 0; i < 50; i++) {
        settings.direct.push(await timeCall(`${direct}/api/lab/settings`, headers));
        settings.proxied.push(await timeCall(`${via}/api/lab/settings`, headers));
      }
    }
    const rows = [
      ['GET /api/lab/health, direct', summarize(health.direct)],
      ['GET /api/lab/health, through nginx', summarize(health.proxied)],
      ['GET /api/lab/settings, direct', summarize(settings.direct)],
      ['GET /api/lab/settings, through nginx', summarize(settings.proxied)],
    ] as const;
    printTable(
      ['control call', 'n', 'p50 ms', 'p95 ms', 'p99 ms'],
      rows.map(([label, x]) => [label, String(x.n), ms(x.p50), ms(x.p95), ms(x.p99)]),
    );
    const d = summarize(settings.direct);
    const p = summarize(settings.proxied);
    const added = p.p50 - d.p50;
    const overheadOk = added < TARGET_NGINX_P50_ADDED_MS;
    console.log(`  ${verdict(overheadOk, `nginx adds ${ms(added)} ms at p50 (< ${TARGET_NGINX_P50_ADDED_MS} ms)`)}`);
    return { added, overheadOk };
  }
}
