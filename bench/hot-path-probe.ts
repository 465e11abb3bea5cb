import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { openAppDb, registerSandbox } from '../lib/db/app-db';
import { createSandboxFile } from '../lib/db/sandboxes';
import { datasetSize } from '../lib/db/seed';
import { ensureTemplate, templatePath } from '../lib/db/template';
import { issueToken } from '../lib/learners/identity';
import { loadSecret } from '../lib/learners/secret';
import { createLoadPool } from '../lib/load/http-client';
import { benchScale, randomSandboxId, REPO_ROOT } from './fixtures';
import { runWorkerRole, startServerThread, type WorkerRole } from './threads';

/**
 * The lab-throughput servers, one per process, for tools that count work per request where
 * req/s on this shared box cannot: callgrind (instructions), strace -c (syscalls), --trace-gc
 * (young-generation bytes), --cpu-prof. Driven by scripts/hot-path-profile.sh:
 *   prepare DIR              data dir, sandbox, token (outside any tool: building it is slow there)
 *   serve lab|baseline DIR   the server in a worker thread, exactly as lab-throughput starts it;
 *                            writes DIR/<who>.port and runs until killed
 *   fire PORT user|product N DIR [C]   N requests over C keep-alive connections (default 10, as
 *                            lab-throughput; lean client, same request bytes for both servers), then exits
 */
const PRODUCT_ROW_FIELDS = 'id,sku,name,category,price_cents,stock,created_at,updated_at';
const CONNECTIONS = 10;
type Setup = { dataDir: string; sandboxId: string; secret: number[]; token: string; users: number; products: number };

async function prepare(dir: string): Promise<void> {
  const scale = benchScale();
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const tpl = path.join(dir, 'template');
  ensureTemplate(tpl, scale);
  fs.copyFileSync(templatePath(tpl), templatePath(dataDir));
  const sandboxId = randomSandboxId();
  createSandboxFile(dataDir, sandboxId);
  const secret = loadSecret(dataDir, undefined);
  const appDb = openAppDb(dataDir);
  registerSandbox(appDb, 'lrn_bench', sandboxId);
  appDb.close();
  const token = await issueToken({ learnerId: 'lrn_bench', sandboxId }, secret, 24 * 3600);
  const size = datasetSize(scale);
  const setup: Setup = { dataDir, sandboxId, secret: [...secret], token, users: size.users, products: size.products };
  fs.writeFileSync(path.join(dir, 'setup.json'), JSON.stringify(setup));
}

const readSetup = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'setup.json'), 'utf8')) as Setup;

async function serve(who: string, dir: string): Promise<void> {
  const s = readSetup(dir);
  const readerScript = path.join(REPO_ROOT, '.build', 'reader-worker.mjs');
  const server =
    who === 'lab'
      ? await startServerThread({
          benchRole: 'lab-server',
          dataDir: s.dataDir,
          secret: Uint8Array.from(s.secret),
          readerScript: fs.existsSync(readerScript) ? readerScript : undefined,
        })
      : await startServerThread({ benchRole: 'baseline-server', dataDir: s.dataDir, sandboxId: s.sandboxId });
  fs.writeFileSync(path.join(dir, `${who}.port`), String(server.port));
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

async function fire(port: number, variant: string, n: number, dir: string, connections: number): Promise<void> {
  const s = readSetup(dir);
  const max = variant === 'user' ? s.users : s.products;
  const suffix = variant === 'user' ? '' : `?fields=${PRODUCT_ROW_FIELDS}`;
  const prefix = variant === 'user' ? '/api/v1/users/' : '/api/v1/products/';
  const pool = createLoadPool({ host: '127.0.0.1', port }, connections);
  const headers = { authorization: `Bearer ${s.token}` };
  let sent = 0;
  let bad = 0;
  await new Promise<void>((resolve) => {
    let running = connections;
    const next = () => {
      if (sent >= n) return void (--running === 0 && resolve());
      sent++;
      const path = `${prefix}${1 + Math.floor(Math.random() * max)}${suffix}`;
      pool.send(
        { request: { method: 'GET', path }, headers, timeoutMs: 600_000, now: () => performance.now() },
        (outcome) => {
          if (outcome.kind !== 'response' || outcome.status !== 200) bad++;
          next();
        },
      );
    };
    for (let i = 0; i < connections; i++) next();
  });
  pool.destroy();
  if (bad) console.error(`fire: ${bad} of ${n} requests failed or were not 200`);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, a, b, c, d, e] = argv;
  if (cmd === 'prepare' && a) return prepare(a);
  if (cmd === 'serve' && (a === 'lab' || a === 'baseline') && b) return serve(a, b);
  if (cmd === 'fire' && a && b && c && d) return fire(Number(a), b, Number(c), d, Number(e ?? CONNECTIONS));
  throw new Error('usage: hot-path-probe prepare DIR | serve lab|baseline DIR | fire PORT user|product N DIR [C]');
}

if (!isMainThread && (workerData as WorkerRole | undefined)?.benchRole) {
  await runWorkerRole(workerData as WorkerRole);
} else {
  await main(process.argv.slice(2));
}
