import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPILE_HINT, addCompileHints, bootChunks } from './compile-hints';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

// A build directory shaped like Next's: build-manifest.json, a client reference manifest per app
// page (a script assigning to globalThis.__RSC_MANIFEST), and the chunks themselves.
function fakeBuild(): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-hints-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write(
    'build-manifest.json',
    JSON.stringify({
      rootMainFiles: ['static/chunks/framework.js', 'static/chunks/runtime.js'],
      polyfillFiles: ['static/chunks/polyfills.js'],
    }),
  );
  write(
    'server/app/lessons/[slug]/page_client-reference-manifest.js',
    'globalThis.__RSC_MANIFEST=(globalThis.__RSC_MANIFEST||{});globalThis.__RSC_MANIFEST["/lessons/[slug]/page"]=' +
      JSON.stringify({
        entryJSFiles: {
          '[project]/app/layout': ['static/chunks/layout.js', 'static/css/app.css'],
          '[project]/app/lessons/[slug]/page': ['static/chunks/layout.js', 'static/chunks/lesson.js'],
        },
      }) +
      ';',
  );
  for (const name of ['framework', 'runtime', 'layout', 'lesson', 'lab-lazy', 'polyfills'])
    write(`static/chunks/${name}.js`, `(globalThis.TURBOPACK||[]).push(["${name}"]);`);
  return dir;
}

const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

describe('compile hints', () => {
  it('picks the root main files and every app page entry chunk, not lazy chunks, polyfills or CSS', () => {
    expect(bootChunks(fakeBuild())).toEqual([
      'static/chunks/framework.js',
      'static/chunks/layout.js',
      'static/chunks/lesson.js',
      'static/chunks/runtime.js',
    ]);
  });

  it('puts the hint on the first line of each boot chunk, once, and leaves the code after it as it was', () => {
    fakeBuild();
    const before = read('static/chunks/lesson.js');
    expect(addCompileHints(dir).hinted).toHaveLength(4);
    expect(read('static/chunks/lesson.js')).toBe(COMPILE_HINT + before);
    expect(read('static/chunks/lab-lazy.js')).not.toContain('allFunctionsCalledOnLoad');
    expect(read('static/chunks/polyfills.js')).not.toContain('allFunctionsCalledOnLoad');
    // A second run (a build step run twice) changes nothing.
    expect(addCompileHints(dir)).toEqual({ hinted: [], already: expect.arrayContaining(['static/chunks/lesson.js']) });
    expect(read('static/chunks/lesson.js')).toBe(COMPILE_HINT + before);
  });

  it('says which file is missing when a manifest names a chunk the build lacks', () => {
    fakeBuild();
    fs.rmSync(path.join(dir, 'static/chunks/lesson.js'));
    expect(() => addCompileHints(dir)).toThrow(/static\/chunks\/lesson\.js is in the manifests/);
  });
});
