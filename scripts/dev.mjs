// `npm run dev`: build the workers, then `next dev` with the same preload as `npm start`
// (scripts/serve-with-preload.mjs), so bodied requests are checked at the edge in development too.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveWithPreload } from './serve-with-preload.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-workers.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
// Arguments after `npm run dev --` go to next dev (-p 3001, --turbopack, ...).
serveWithPreload(root, ['dev', ...process.argv.slice(2)]);
