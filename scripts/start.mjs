// `npm start`: build if needed, seed if needed, then serve with plain `next start`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveWithPreload } from './serve-with-preload.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.NEXT_TELEMETRY_DISABLED = '1';
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

// Cluster mode: every node must sign and check tokens with the same secret, or a learner moved to
// another node (by nginx, or after a node dies) would be refused. Refuse before building.
if (process.env.SCALE_LAB_DATABASE_URL && (process.env.SCALE_LAB_SECRET ?? '').length < 32) {
  console.error(
    'Scale Lab: cluster mode (SCALE_LAB_DATABASE_URL is set) needs SCALE_LAB_SECRET, at least 32 characters, the same on every node.\n' +
      "  Generate one with: node -e \"console.log(require('crypto').randomBytes(48).toString('base64url'))\"",
  );
  process.exit(1);
}

if (!fs.existsSync(path.join(root, '.build', 'lab-worker.mjs')) || process.env.SCALE_LAB_REBUILD === '1') {
  run(process.execPath, [path.join(root, 'scripts', 'build-workers.mjs')]);
}
if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.SCALE_LAB_REBUILD === '1') {
  console.log('Scale Lab: first start, building the app (about a minute)...');
  run(process.execPath, [nextBin, 'build']);
}
// Seeding here means the server comes up ready; the lab server would also build it if missing.
run(process.execPath, [path.join(root, '.build', 'seed.mjs')]);

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
console.log(`Scale Lab: serving on http://localhost:${port}`);
// SCALE_LAB_PARENT_PID: the server watches this process and dies with it, even after a kill -9
// here (lib/parent-watchdog.ts); its helper processes watch the server the same way.
// Requests Node cannot parse, and bodied requests at the edge, get problem+json too
// (scripts/http-client-errors.cjs, preloaded by serveWithPreload).
serveWithPreload(root, ['start', '-p', port, '-H', host], { SCALE_LAB_PARENT_PID: String(process.pid) });
