import zlib from 'node:zlib';
import { test, expect } from './fixtures';

/**
 * A lesson page's first-load JavaScript (the scripts its HTML asks a modern browser for before
 * anything is lazily loaded, preloads included) stays under 150 KB gzipped (issue 16), and never contains Monaco
 * or the charts. `noModule` scripts (legacy polyfills) are left out: a browser that runs
 * modules never downloads them.
 */
const BUDGET_BYTES = 150 * 1024;

test('a lesson page ships under 150 KB of gzipped JavaScript on first load, without Monaco or recharts', async ({
  request,
}) => {
  const html = await (await request.get('/lessons/indexes')).text();
  const tags = [...html.matchAll(/<script[^>]+src="[^"]+\.js[^"]*"[^>]*>/g)].map((m) => m[0]);
  // Scripts the HTML preloads count too: the browser fetches them at once, whoever runs them.
  const preloads = [...html.matchAll(/<link[^>]+rel="(?:preload|modulepreload)"[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => /as="script"|modulepreload/.test(t));
  const scripts = [
    ...tags.filter((t) => !/\snomodule/i.test(t)).map((t) => /src="([^"]+)"/.exec(t)![1]!),
    ...preloads.map((t) => /href="([^"]+)"/.exec(t)![1]!),
  ];
  expect(tags.length - scripts.length, 'at most the one polyfill bundle is noModule').toBeLessThanOrEqual(1);
  expect(scripts.length).toBeGreaterThan(0);
  let total = 0;
  for (const src of new Set(scripts)) {
    const body = await (await request.get(src)).body();
    total += zlib.gzipSync(body, { level: 9 }).length;
    const text = body.toString('utf8');
    expect(text, `${src} must not carry Monaco`).not.toContain('monaco-editor');
    expect(text, `${src} must not carry recharts`).not.toContain('recharts');
  }
  test.info().annotations.push({
    type: 'first-load JS (gzip)',
    description: `${(total / 1024).toFixed(1)} KB in ${scripts.length} scripts`,
  });
  console.log(`lesson page first-load JS: ${(total / 1024).toFixed(1)} KB gzipped in ${new Set(scripts).size} scripts`);
  expect(total).toBeLessThan(BUDGET_BYTES);
});

/**
 * Every script a page runs at load carries V8's compile hint on its first line
 * (lib/build/compile-hints.ts, applied after `next build` compiles): its functions are compiled
 * off the main thread while it streams in. Without it the framework's boot task on a lesson page
 * was ~60 ms of main thread under Lighthouse's 4x slowdown, ~22 ms with it.
 */
for (const page of ['/', '/lessons/indexes']) {
  test(`the scripts ${page} runs at load are marked for eager background compilation`, async ({ request }) => {
    const html = await (await request.get(page)).text();
    const srcs = [...html.matchAll(/<script(?![^>]*\snomodule)[^>]+src="([^"]+\.js)[^"]*"/gi)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThan(2);
    for (const src of srcs) {
      const text = await (await request.get(src)).text();
      expect(text.slice(0, 40), src).toMatch(/^\/\/# allFunctionsCalledOnLoad\n/);
    }
  });
}
