// Bundles the TypeScript that runs outside Next.js (the lab server worker, the seed CLI and
// the benchmarks) into .build/*.mjs. better-sqlite3 stays external: it is a native addon.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotSources } from './snapshot-sources.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  'lab-worker': 'lib/lab-server/worker.ts',
  'reader-worker': 'lib/lab-server/reader-worker.ts',
  'index-builder-worker': 'lib/lab-server/index-builder-worker.ts',
  'load-worker': 'lib/load/worker.ts',
  'sql-runner': 'lib/sql-console/runner.ts',
  seed: 'scripts/seed.ts',
  bench: 'bench/index.ts',
  'hot-path-probe': 'bench/hot-path-probe.ts',
};

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(root, v)])),
  outdir: path.join(root, '.build'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'autocannon', 'lighthouse', 'chrome-launcher'],
  alias: { '@': root },
  // Bundled CommonJS dependencies may call require(); give ESM output one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
// The lab's Code view shows the source that was built (see scripts/snapshot-sources.mjs).
snapshotSources(root);
console.log(`workers built in ${Date.now() - started} ms`);
