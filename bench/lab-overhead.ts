import { createSandboxFile } from '../lib/db/sandboxes';
import { datasetSize } from '../lib/db/seed';
import { issueToken } from '../lib/learners/identity';
import { loadSecret } from '../lib/learners/secret';
import { benchScale, freshDataDir, randomSandboxId } from './fixtures';
import { int, printTable, verdict, type BenchOptions, type BenchOutcome } from './report';
import { runLoadInThread, startServerThread, type ServerThread } from './threads';

/**
 * The lab server's price per request, as CPU rather than req/s: busy time of each server
 * thread's event loop divided by the requests it answered, on the two point lookups where
 * SQLite costs microseconds and the pipeline is most of the work. On a shared box req/s moves
 * with the neighbours; busy microseconds per request move much less, so this bench is the one
 * to watch while shaving the hot path (lab-throughput is the one that states the target).
 * baseline/lab of busy time is the throughput ratio the lab would reach if CPU were the limit.
 */
const TARGET_RATIO = 0.8;
const PRODUCT_ROW_FIELDS = 'id,sku,name,category,price_cents,stock,created_at,updated_at';

type Who = 'baseline' | 'lab';

export async function labOverhead(opts: BenchOptions): Promise<BenchOutcome> {
  const sliceSec = opts.quick ? 2 : 3;
  const slices = opts.quick ? 2 : 4;
  const scale = benchScale();
  const size = datasetSize(scale);
  const dataDir = freshDataDir('lab-overhead', scale);
  const sandboxId = randomSandboxId();
  createSandboxFile(dataDir, sandboxId);
  const secret = loadSecret(dataDir, undefined);
  const token = await issueToken({ learnerId: 'lrn_bench', sandboxId }, secret, 3600);
  const headers = { authorization: `Bearer ${token}` };
  const ids = (n: number) => Array.from({ length: 10_000 }, () => 1 + Math.floor(Math.random() * n));
  const variants = [
    { name: 'product', paths: ids(size.products).map((id) => `/api/v1/products/${id}?fields=${PRODUCT_ROW_FIELDS}`) },
    { name: 'user', paths: ids(size.users).map((id) => `/api/v1/users/${id}`) },
  ];
  console.log(
    `  scale ${scale}; 10 connections; ${slices} slices of ${sliceSec} s per server in ABBA order, after a 1 s warm-up`,
  );

  const lab = await startServerThread({ benchRole: 'lab-server', dataDir, secret });
  const base = await startServerThread({ benchRole: 'baseline-server', dataDir, sandboxId });
  const rows: string[][] = [];
  const ratios: Array<{ name: string; ratio: number }> = [];
  try {
    for (const v of variants) {
      const total: Record<Who, { activeMs: number; completed: number }> = {
        baseline: { activeMs: 0, completed: 0 },
        lab: { activeMs: 0, completed: 0 },
      };
      const order = Array.from({ length: slices }, (_, i) =>
        i % 2 ? ['lab', 'baseline'] : ['baseline', 'lab'],
      ).flat() as Who[];
      for (const who of ['baseline', 'lab'] as const) {
        const server = who === 'lab' ? lab : base;
        await runLoadInThread({
          origin: `http://127.0.0.1:${server.port}`,
          connections: 10,
          warmupSec: 0,
          durationSec: 1,
          paths: v.paths,
          headers,
        });
        await server.drain();
      }
      for (const who of order) {
        const server: ServerThread = who === 'lab' ? lab : base;
        const before = await server.busy();
        await runLoadInThread({
          origin: `http://127.0.0.1:${server.port}`,
          connections: 10,
          warmupSec: 0,
          durationSec: sliceSec,
          paths: v.paths,
          headers,
        });
        await server.drain();
        const after = await server.busy();
        total[who].activeMs += after.activeMs - before.activeMs;
        total[who].completed += after.completed - before.completed;
      }
      const us = (who: Who) => (1000 * total[who].activeMs) / Math.max(1, total[who].completed);
      for (const who of ['baseline', 'lab'] as const)
        rows.push([v.name, who, int(total[who].completed), us(who).toFixed(1)]);
      ratios.push({ name: v.name, ratio: us('baseline') / us('lab') });
    }
  } finally {
    await Promise.all([lab.stop(), base.stop()]);
  }
  console.log();
  printTable(['variant', 'server', 'requests', 'busy us/request'], rows, 'll');
  console.log();
  for (const r of ratios) console.log(`  ${r.name}: baseline/lab busy time per request = ${r.ratio.toFixed(2)}`);
  const pass = ratios.every((r) => r.ratio >= TARGET_RATIO);
  const summary = ratios.map((r) => `${r.name} ${r.ratio.toFixed(2)}`).join(', ');
  console.log(
    `  ${verdict(pass, `lab costs <= 1/${TARGET_RATIO} of the baseline's CPU per point lookup (${summary})`)}`,
  );
  return { pass, headline: `baseline/lab CPU per request: ${summary}` };
}
