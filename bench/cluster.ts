import { startApp, type AppProcess } from './app-process';
import fs from 'node:fs';
import path from 'node:path';
import { addCleanup, benchScale, freshDataDir, REPO_ROOT } from './fixtures';
import { ms, printTable, summarize, verdict, type BenchOptions, type BenchOutcome } from './report';
import { MAX_RUNS } from './workshop-plan';
import { runRoom, TARGET_CONTROL_P95_MS, TARGET_SSE_DELAY_MAX_MS, type RoomResult } from './workshop-room';
import { startNginx, type Nginx } from '../tests/cluster/loopback';

/**
 * Several nodes behind the shipped nginx config, on this machine: what nginx adds to a control
 * call (the same call direct and through nginx, interleaved), and the workshop room (30 learners,
 * their runs and SSE streams) against one node direct and against three nodes behind nginx.
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
  const basePort = Number(process.env.BENCH_CLUSTER_PORT ?? 3230);
  const nodes: AppProcess[] = [];
  let nginx: Nginx | undefined;
  const savedMaxRuns = process.env.SCALE_LAB_MAX_RUNS;
  process.env.SCALE_LAB_MAX_RUNS = String(MAX_RUNS);
  const startNode = async (i: number) => {
    const t0 = performance.now();
    const node = await startApp({
      dataDir: freshDataDir(`cluster-node-${i}`, scale),
      scale,
      port: basePort + 1 + i,
      labPort: basePort + 11 + i,
    });
    nodes.push(node);
    console.log(`  node ${i + 1} ready on ${node.origin} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return node;
  };
  const forgetNginx = addCleanup(() => void nginx?.stop());
  try {
    console.log(`  scale ${scale}; SCALE_LAB_MAX_RUNS=${MAX_RUNS} per node; nginx on 127.0.0.1:${basePort}`);
    const first = await startNode(0);
    nginx = await startNginx(basePort, [first.origin.replace('http://', '')], TEMPLATE());

    // 1. What nginx adds: the same calls direct and through nginx, alternating. The knob read is
    // rate limited per learner (control-read: a burst of 120), so 8 learners make 50 pairs each.
    const via = `http://127.0.0.1:${basePort}`;
    const health = { direct: [] as number[], proxied: [] as number[] };
    const settings = { direct: [] as number[], proxied: [] as number[] };
    for (let i = 0; i < 20; i++) {
      // warm-up
      await timeCall(`${first.origin}/api/lab/health`, {});
      await timeCall(`${via}/api/lab/health`, {});
    }
    for (let i = 0; i < OVERHEAD_CALLS; i++) {
      health.direct.push(await timeCall(`${first.origin}/api/lab/health`, {}));
      health.proxied.push(await timeCall(`${via}/api/lab/health`, {}));
    }
    for (let l = 0; l < 8; l++) {
      const claim = await fetch(`${first.origin}/api/lab/sandbox`, { method: 'POST' });
      const { token } = (await claim.json()) as { token: string };
      const headers = { authorization: `Bearer ${token}` };
      for (let i = 0; i < 50; i++) {
        settings.direct.push(await timeCall(`${first.origin}/api/lab/settings`, headers));
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

    // 2. The room on one node, direct.
    console.log('\n  -- the room on 1 node, direct');
    const one = await runRoom({ origin: first.origin, quick: opts.quick, logFiles: [first.logFile] });

    // 3. The room on three nodes behind nginx: every learner sticks to the node that made their sandbox.
    console.log('\n  -- the room on 3 nodes behind nginx');
    await startNode(1);
    await startNode(2);
    await nginx.stop();
    nginx = await startNginx(
      basePort,
      nodes.map((n) => n.origin.replace('http://', '')),
      TEMPLATE(),
    );
    const three = await runRoom({
      origin: `http://127.0.0.1:${basePort}`,
      quick: opts.quick,
      logFiles: nodes.map((n) => n.logFile),
    });

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
      [row('1 node, direct', one), row('3 nodes behind nginx', three)],
    );
    const roomOk = (r: RoomResult) =>
      r.controlP95 < TARGET_CONTROL_P95_MS && r.failures === 0 && r.sseMax <= TARGET_SSE_DELAY_MAX_MS;
    return {
      pass: overheadOk && roomOk(one) && roomOk(three),
      headline:
        `nginx adds ${ms(added)} ms p50 to a control call; control p95 ${ms(one.controlP95)} ms on 1 node vs ${ms(three.controlP95)} ms on 3 behind nginx; ` +
        `SSE late max ${ms(one.sseMax)} vs ${ms(three.sseMax)} ms`,
    };
  } finally {
    if (savedMaxRuns === undefined) delete process.env.SCALE_LAB_MAX_RUNS;
    else process.env.SCALE_LAB_MAX_RUNS = savedMaxRuns;
    await nginx?.stop();
    forgetNginx();
    await Promise.all(nodes.map((n) => n.stop()));
  }
}
