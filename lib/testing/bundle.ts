import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Bundles a TypeScript entry the way scripts/build-workers.mjs does, into a folder inside the
 * project (so the bundle finds better-sqlite3 in node_modules like .build/ does). Returns the
 * file and a cleanup.
 */
export async function bundleForTest(
  name: string,
  entry: string,
  opts: BundleOptions = {},
): Promise<{ file: string; cleanup: () => void }> {
  const { dir, cleanup } = await bundleEntriesForTest(name, { [name]: entry }, opts);
  return { file: path.join(dir, `${name}.mjs`), cleanup };
}

export type BundleOptions = {
  /**
   * Modules to bundle as given source instead, by the import path as written (for example
   * `'../parent-watchdog'`): a control build without one safeguard, to show that the test
   * guarding it can fail.
   */
  replace?: Record<string, string>;
};

/** Several entries into one folder: the lab worker finds its reader and builder scripts beside it. */
export async function bundleEntriesForTest(
  name: string,
  entries: Record<string, string>,
  opts: BundleOptions = {},
): Promise<{ dir: string; cleanup: () => void }> {
  const replace = opts.replace ?? {};
  const replacing: Plugin = {
    name: 'replace-for-test',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) =>
        args.path in replace ? { path: args.path, namespace: 'replaced-for-test' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'replaced-for-test' }, (args) => ({
        contents: replace[args.path],
        loader: 'ts',
      }));
    },
  };
  const outdir = path.join(process.cwd(), '.test-data', `${name}-${process.pid}-${Date.now()}`);
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(process.cwd(), v)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3'],
    alias: { '@': process.cwd() },
    logLevel: 'warning',
    plugins: [replacing],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { dir: outdir, cleanup: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

/** True while a process with this pid exists (a zombie counts as gone: it runs nothing). */
export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state is the field after the parenthesised command name.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits for a state, not for a time: resolves once `done()` holds, or false after `limitMs`. */
export async function waitFor(done: () => boolean, limitMs: number, everyMs = 50): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return done();
}
