// `npm run lesson:new <slug>` and `npm run lesson:check`: bundles lib/authoring/cli.ts (the
// same checker the lessons test runs) with esbuild, as build-workers.mjs does, and runs it.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.build', 'lesson-tool.mjs');
await build({
  absWorkingDir: root,
  entryPoints: [path.join(root, 'lib/authoring/cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['better-sqlite3'],
  alias: { '@': root },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = main(process.argv.slice(2));
