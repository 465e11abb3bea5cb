import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): a file whose first
 * line is this comment has all of its functions compiled eagerly, on a background thread while
 * the file streams in, instead of lazily on the main thread when each is first called.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * The scripts a page runs at load: the framework and runtime every page starts with
 * (build-manifest.json's rootMainFiles) and each app route's own entry chunks (its client
 * reference manifest's entryJSFiles). Lazily loaded chunks (the lab, Monaco, the charts) are
 * left alone: most of their functions never run on a given visit, and the hint would make
 * every visitor pay to compile them.
 */
export function bootChunks(distDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles?: string[];
  };
  const files = new Set(manifest.rootMainFiles ?? []);
  for (const file of clientReferenceManifests(path.join(distDir, 'server', 'app'))) {
    // The manifest is a script that assigns to globalThis.__RSC_MANIFEST: run it in an empty context.
    const context = vm.createContext({});
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file, timeout: 1000 });
    const byRoute = (context as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> })
      .__RSC_MANIFEST;
    for (const route of Object.values(byRoute ?? {}))
      for (const list of Object.values(route.entryJSFiles ?? {})) for (const f of list) files.add(f);
  }
  return [...files].filter((f) => f.endsWith('.js')).sort();
}

function clientReferenceManifests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('_client-reference-manifest.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Puts the compile hint at the top of every boot chunk of a production build (run by
 * next.config.ts after Next compiles). Why: on /lessons/indexes under Lighthouse's 4x CPU
 * slowdown, compiling the framework chunk's functions as they were first called was most of
 * the ~60 ms task that boots the page; with the hint it is done off the main thread. Measured
 * again on 2026-12-04 (Lighthouse mobile in the headless shell, 9 runs per build, the same
 * build with the hint stripped from every chunk), median TBT without -> with the hint:
 * 264 -> 61 ms on /lessons/indexes, 294 -> 115 ms on /lessons/caching-in-layers.
 * The content changes but not the name; the same build input still gives the same file, so the
 * hashed name still names one content. Idempotent: a file already hinted is left as it is.
 */
export function addCompileHints(distDir: string): { hinted: string[]; already: string[] } {
  const hinted: string[] = [];
  const already: string[] = [];
  for (const rel of bootChunks(distDir)) {
    const file = path.join(distDir, rel);
    if (!fs.existsSync(file)) throw new Error(`compile hints: ${rel} is in the manifests but not in ${distDir}`);
    const text = fs.readFileSync(file, 'utf8');
    if (text.startsWith(COMPILE_HINT)) already.push(rel);
    else {
      fs.writeFileSync(file, COMPILE_HINT + text);
      hinted.push(rel);
    }
  }
  return { hinted, already };
}
