import zlib from 'node:zlib';
import { test, expect } from './fixtures';

/**
 * A lesson page's first-load JavaScript (the scripts its HTML asks for before anything is
 * lazily loaded) stays under 300 KB gzipped, and never contains Monaco or the charts.
 */
const BUDGET_BYTES = 300 * 1024;

test('a lesson page ships under 300 KB of gzipped JavaScript on first load, without Monaco or recharts', async ({ request }) => {
  const html = await (await request.get('/lessons/indexes')).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  let total = 0;
  for (const src of new Set(scripts)) {
    const body = await (await request.get(src)).body();
    total += zlib.gzipSync(body, { level: 9 }).length;
    const text = body.toString('utf8');
    expect(text, `${src} must not carry Monaco`).not.toContain('monaco-editor');
    expect(text, `${src} must not carry recharts`).not.toContain('recharts');
  }
  test.info().annotations.push({ type: 'first-load JS (gzip)', description: `${(total / 1024).toFixed(1)} KB in ${scripts.length} scripts` });
  console.log(`lesson page first-load JS: ${(total / 1024).toFixed(1)} KB gzipped in ${new Set(scripts).size} scripts`);
  expect(total).toBeLessThan(BUDGET_BYTES);
});
