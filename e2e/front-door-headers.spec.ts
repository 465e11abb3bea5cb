import { test, expect } from './fixtures';

/**
 * Issue 13 point 8: the Shop API's own headers, through the real front door of the built app.
 * `next dev` and unit calls to a handler do not show this: Next.js adds its App Router Vary values
 * (rsc, next-router-state-tree, …) only when it serves a response, so this runs against `next start`.
 */
const NEXT_INTERNAL = /^(rsc|next-[a-z-]+)$/i;
const varyTokens = (vary: string | undefined) =>
  (vary ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

test.describe('front door headers', () => {
  test("v1, v2 and /api/shop carry the lab server's Vary and headers, none of Next.js's", async ({ request }) => {
    expect((await request.post('/api/lab/sandbox')).ok()).toBe(true);
    const off = await request.patch('/api/lab/settings', {
      data: { httpCache: { enabled: false }, rateLimit: { enabled: false } },
    });
    expect(off.ok()).toBe(true);

    const v1 = await request.get('/api/v1/products/1');
    expect(v1.status()).toBe(200);
    // The only Vary without the HTTP cache is the front door's compression (Next.js gzips JSON for clients that accept it).
    expect(varyTokens(v1.headers().vary)).toEqual(['Accept-Encoding']);
    expect(v1.headers()).toMatchObject({ deprecation: '@1793491200', 'x-cache': 'BYPASS' });
    expect(v1.headers()['server-timing']).toMatch(/db;dur=.*frontdoor;dur=/);
    for (const name of Object.keys(v1.headers())) expect(name).not.toMatch(/^x-nextjs|^x-powered-by$/);

    const shop = await request.get('/api/shop/products/1', { headers: { 'API-Version': '2' } });
    expect(varyTokens(shop.headers().vary)).toEqual(['API-Version', 'Accept-Encoding']);

    const on = await request.patch('/api/lab/settings', { data: { httpCache: { enabled: true } } });
    expect(on.ok()).toBe(true);
    const cached = {
      v1: await request.get('/api/v1/products/1'),
      v2: await request.get('/api/v2/products/1'),
      shop: await request.get('/api/shop/users/1', { headers: { 'API-Version': '1' } }),
    };
    expect(varyTokens(cached.v1.headers().vary)).toEqual(['Authorization', 'Cookie', 'Accept-Encoding']);
    expect(varyTokens(cached.v2.headers().vary)).toEqual(['Authorization', 'Cookie', 'Accept-Encoding']);
    expect(varyTokens(cached.shop.headers().vary)).toEqual([
      'Authorization',
      'Cookie',
      'API-Version',
      'Accept-Encoding',
    ]);
    for (const res of Object.values(cached)) {
      expect(varyTokens(res.headers().vary).filter((t) => NEXT_INTERNAL.test(t))).toEqual([]);
      expect(res.headers().etag).toMatch(/^"/);
    }

    // Bodies, statuses and methods other than GET pass through unchanged.
    const etag = cached.v1.headers().etag ?? '';
    const revalidated = await request.get('/api/v1/products/1', { headers: { 'If-None-Match': etag } });
    expect(revalidated.status()).toBe(304);
    const bad = await request.post('/api/v1/orders', { data: { user_id: 1 } });
    expect(bad.status()).toBe(422);
    expect(bad.headers()['content-type']).toBe('application/problem+json');
    expect(varyTokens(bad.headers().vary).filter((t) => NEXT_INTERNAL.test(t))).toEqual([]);
    await request.patch('/api/lab/settings', { data: { httpCache: { enabled: false } } });
  });
});
