// `npm run cluster -- --nodes 3`: a local Scale Lab cluster for demos and tests. Builds once if
// needed, starts N nodes (`node scripts/start.mjs`, each on its own port and data directory,
// sharing one signing secret and one PostgreSQL) and nginx in front on PORT with its own
// generated config, prefix, pid file and temp paths. Ctrl-C (or SIGTERM) stops them all.
//
// The nodes keep learners, knobs, progress and runs in that PostgreSQL: a learner whose node
// stops carries on on another one (deploy/README.md, "When a node dies").
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { findNginx, nginxArgs, writeLocalNginxConf } from './cluster/nginx-conf.mjs';
import { startChild, waitForHttp } from './cluster/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run cluster -- [--nodes 3] [--port $PORT or 3000] [--node-port <port+1>] [--host 127.0.0.1] [--dir data/cluster]

  --nodes       how many nodes (1-16)
  --port        where nginx listens; the learners' address
  --node-port   the first node's port; the others follow on consecutive ports
  --host        nginx's bind address (0.0.0.0 to let a room on your network in); nodes stay on 127.0.0.1
  --dir         data directories of the nodes, the shared secret and nginx's files

Environment: SCALE_LAB_DATABASE_URL (default postgres://localhost/test), SCALE_LAB_SECRET
(default: generated once into <dir>/secret and shared), NGINX_BIN, and every setting npm start reads.`;

function fail(msg) {
  console.error(`Scale Lab cluster: ${msg}`);
  process.exit(1);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        nodes: { type: 'string', default: '3' },
        port: { type: 'string', default: process.env.PORT ?? '3000' },
        'node-port': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        dir: { type: 'string', default: path.join(process.env.SCALE_LAB_DATA_DIR ?? 'data', 'cluster') },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    fail(`${err.message}\n\n${USAGE}`);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, v, min, max) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      fail(`--${name} must be a whole number from ${min} to ${max} (got ${v})`);
    return n;
  };
  const nodes = int('nodes', parsed.nodes, 1, 16);
  const port = int('port', parsed.port, 1, 65535);
  const nodePort = int('node-port', parsed['node-port'] ?? String(port + 1), 1, 65535 - nodes);
  if (port >= nodePort && port < nodePort + nodes)
    fail(`--port ${port} collides with the node ports ${nodePort}-${nodePort + nodes - 1}`);
  return { nodes, port, nodePort, host: parsed.host, dir: path.resolve(root, parsed.dir) };
}

/** One secret for every node, or tokens signed by one would be refused by the others. */
function sharedSecret(dir) {
  const configured = process.env.SCALE_LAB_SECRET;
  if (configured) {
    if (configured.length < 32) fail('SCALE_LAB_SECRET must be at least 32 characters');
    return configured;
  }
  const file = path.join(dir, 'secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function checkDatabase(url) {
  // libpq's default user when the URL names none: the OS user (node-postgres would read $USER).
  pg.defaults.user ??= process.env.PGUSER || os.userInfo().username;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    fail(`cannot reach PostgreSQL at ${redact(url)} (${err.message}). Start it, or set SCALE_LAB_DATABASE_URL.`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The same build-if-missing rule as `npm start`, done once here so the nodes do not all build at once. */
function buildOnce() {
  const rebuild = process.env.SCALE_LAB_REBUILD === '1';
  const run = (args) => {
    const r = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  };
  if (rebuild || !fs.existsSync(path.join(root, '.build', 'lab-worker.mjs')))
    run([path.join(root, 'scripts', 'build-workers.mjs')]);
  if (rebuild || !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('Scale Lab cluster: building the app once for all nodes...');
    run([path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build']);
  }
}

/** Every port we are about to use must be free now, or the message would come from deep inside a node. */
async function checkPortsFree(ports, host) {
  for (const [port, bindHost] of ports.map((p, i) => [p, i === 0 ? host : '127.0.0.1'])) {
    const free = await new Promise((resolve) => {
      const s = net.createServer().once('error', () => resolve(false));
      s.listen(port, bindHost, () => s.close(() => resolve(true)));
    });
    if (!free) fail(`port ${port} is already in use (pick others with --port / --node-port)`);
  }
}

const redact = (url) => url.replace(/:[^:@/]*@/, ':***@');
const opts = options();
const nginxBin =
  findNginx() ??
  fail(
    'nginx not found (looked in /usr/sbin and on PATH). Install it with `apt-get install -y nginx`, or set NGINX_BIN.',
  );
const databaseUrl = process.env.SCALE_LAB_DATABASE_URL || 'postgres://localhost/test';
fs.mkdirSync(opts.dir, { recursive: true });
const secret = sharedSecret(opts.dir);
const nodePorts = Array.from({ length: opts.nodes }, (_, i) => opts.nodePort + i);
await checkPortsFree([opts.port, ...nodePorts], opts.host);
await checkDatabase(databaseUrl);

// nginx's config first: a mistake there should stop us before any node starts.
const prefix = path.join(opts.dir, 'nginx');
const conf = writeLocalNginxConf(prefix, {
  listen: `${opts.host}:${opts.port}`,
  nodes: nodePorts.map((p) => `127.0.0.1:${p}`),
});
const check = spawnSync(nginxBin, ['-t', '-q', ...nginxArgs(prefix, conf).slice(0, 6)], { encoding: 'utf8' });
if (check.status !== 0) fail(`nginx refused its generated config ${conf}:\n${check.stderr}`);
buildOnce();

let stopping = false;
let nginx = null;
const nodes = [];
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nScale Lab cluster: stopping nginx and the nodes...');
  await Promise.all([nginx?.stop('SIGQUIT'), ...nodes.map((n) => n.stop('SIGTERM'))]);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stopAll(0));

for (const [i, port] of nodePorts.entries()) {
  const id = `node-${i + 1}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SCALE_LAB_DATA_DIR: path.join(opts.dir, id),
    SCALE_LAB_DATABASE_URL: databaseUrl,
    SCALE_LAB_SECRET: secret,
    SCALE_LAB_NODE_ID: id,
    SCALE_LAB_NODE_ADDRESS: `http://127.0.0.1:${port}`,
    // nginx is the one proxy in front: per-client limits key on the address it saw, and learner
    // tokens carry the affinity key it passes (X-Scale-Lab-Node-Key), so bearer calls meet this node.
    SCALE_LAB_TRUST_PROXY: '1',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete env.SCALE_LAB_REBUILD; // built above; N nodes rebuilding one .next at once would break it
  nodes.push(
    Object.assign(
      startChild(id, process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
        cwd: root,
        env,
        onExit: (code, signal) => {
          if (stopping) return;
          console.error(
            `Scale Lab cluster: ${id} exited (${signal ?? `code ${code}`}); nginx sends its learners to the other nodes.`,
          );
          if (nodes.every((n) => !n.running())) void stopAll(1);
        },
      }),
      { port },
    ),
  );
}

nginx = startChild('nginx', nginxBin, nginxArgs(prefix, conf), {
  cwd: root,
  onExit: (code, signal) => {
    if (stopping) return;
    console.error(
      `Scale Lab cluster: nginx exited (${signal ?? `code ${code}`}); see ${path.join(prefix, 'logs', 'error.log')}`,
    );
    void stopAll(1);
  },
});

try {
  // First start seeds a template per node: give it time (full scale takes a while per node).
  await Promise.all(
    nodes.map((n) =>
      waitForHttp(`http://127.0.0.1:${n.port}/api/lab/health`, { timeoutMs: 15 * 60_000, alive: n.running }),
    ),
  );
} catch (err) {
  console.error(`Scale Lab cluster: ${err.message}`);
  await stopAll(1);
}
const shown = opts.host === '0.0.0.0' ? 'localhost' : opts.host;
console.log(
  `\nScale Lab cluster: ${opts.nodes} node${opts.nodes === 1 ? '' : 's'} behind nginx on http://${shown}:${opts.port}`,
);
for (const n of nodes)
  console.log(`  ${n.name}  http://127.0.0.1:${n.port}  data ${path.relative(root, path.join(opts.dir, n.name))}`);
console.log(`  nginx   config ${path.relative(root, conf)}, logs ${path.relative(root, path.join(prefix, 'logs'))}`);
console.log(`  PostgreSQL ${redact(databaseUrl)}\nCtrl-C stops them all.`);
