import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../knobs/schema';
import type { LabCore } from '../lab-server/core';
import { startTestCore, type TestCore } from '../testing/test-core';

/** v1 beside v2 through the real pipeline: the contracts, the deprecation headers, header negotiation and caching per version. */
const claims = { learnerId: 'lrn_versionsversionsvers', sandboxId: 'sbx_versionsversionsvers' };
let lab: TestCore;
let core: LabCore;
let handle: (r: Request) => Promise<Response>;
let token: string;

beforeAll(async () => {
  lab = await startTestCore(claims, 'v');
  ({ core, handle, token } = lab);
});
afterAll(() => lab.stop());

const call = (url: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return handle(new Request(`http://lab.local${url}`, { ...init, headers }));
};
const post = (url: string, body: unknown) =>
  call(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const httpCache = (enabled: boolean) =>
  core.states.apply(claims.sandboxId, { ...DEFAULT_SETTINGS, httpCache: { enabled, maxAgeSeconds: 60 } });

describe('v1 is deprecated, and says so on every response', () => {
  it('Deprecation (RFC 9745), Sunset (RFC 8594) and Link to the successor and the notice', async () => {
    const res = await call('/api/v1/products/3');
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toBe('@1793491200'); // 2026-11-01T00:00:00Z
    expect(res.headers.get('sunset')).toBe('Sat, 01 May 2027 00:00:00 GMT');
    expect(res.headers.get('link')).toBe(
      '</api/v2/products/3>; rel="successor-version", </lessons/api-versioning>; rel="deprecation"; type="text/html"',
    );
    expect((await res.json()).price_cents).toEqual(expect.any(Number));
  });

  it('a v1 list keeps its paging links and adds the successor (without v1-only query parameters)', async () => {
    const res = await call('/api/v1/products?limit=5&page=2');
    const link = res.headers.get('link') ?? '';
    expect(link).toContain('</api/v1/products?limit=5&page=3>; rel="next"');
    expect(link).toContain('</api/v2/products>; rel="successor-version"');
    expect((await res.json()).pagination.mode).toBe('offset');
  });

  it('errors carry them too; v2 carries none', async () => {
    const missing = await call('/api/v1/orders/999999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('deprecation')).toBe('@1793491200');
    const v2 = await call('/api/v2/products/3');
    expect(v2.headers.get('deprecation')).toBeNull();
    expect(v2.headers.get('sunset')).toBeNull();
    expect(v2.headers.get('link')).toBeNull();
  });
});

describe('v2: money as an object, cursor pages by default', () => {
  it('a product has price {amount, currency} instead of price_cents, and stats.revenue', async () => {
    const [v1, v2] = await Promise.all([
      call('/api/v1/products/3').then((r) => r.json()),
      call('/api/v2/products/3').then((r) => r.json()),
    ]);
    expect(v2.price_cents).toBeUndefined();
    expect(v2.price).toEqual({ amount: (v1.price_cents / 100).toFixed(2), currency: 'EUR' });
    expect(v2.stats.revenue).toEqual({ amount: expect.stringMatching(/^\d+\.\d\d$/), currency: 'EUR' });
    expect(v2.stats.revenue_cents).toBeUndefined();
    expect(Object.keys(v2)).toEqual([
      'id',
      'sku',
      'name',
      'category',
      'price',
      'stock',
      'created_at',
      'updated_at',
      'stats',
    ]);
  });

  it('lists page by cursor even when the pagination knob says offset; the next link stays in v2', async () => {
    expect(core.states.get(claims.sandboxId).settings.pagination.mode).toBe('offset');
    const res = await call('/api/v2/orders?limit=3');
    const body = await res.json();
    expect(body.pagination).toMatchObject({ mode: 'cursor', limit: 3, hasMore: true });
    expect(body.data[0].total).toEqual({ amount: expect.any(String), currency: 'EUR' });
    const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? '';
    expect(next).toMatch(/^\/api\/v2\/orders\?limit=3&cursor=/);
    const page2 = await (await call(next)).json();
    expect(page2.data[0].id).not.toBe(body.data[0].id);
  });

  it('v1 parameters are refused with a v2 hint: page, sort=price, fields=price_cents', async () => {
    const page = await call('/api/v2/products?page=2');
    expect(page.status).toBe(400);
    expect((await page.json()).detail).toContain('API v2 always pages by cursor');
    const sort = await call('/api/v2/products?sort=price');
    expect(sort.status).toBe(400);
    expect((await sort.json()).errors[0]).toMatchObject({ field: 'sort' });
    const fields = await call('/api/v2/products?fields=price_cents');
    expect(fields.status).toBe(400);
    expect((await fields.json()).detail).toContain('price');
    const ok = await (await call('/api/v2/products?fields=id,price&limit=1')).json();
    expect(Object.keys(ok.data[0])).toEqual(['id', 'price']);
  });

  it('takes money as an object when writing, and stores the same cents v1 reads', async () => {
    const res = await post('/api/v2/products', {
      sku: 'V2-1',
      name: 'Kettle',
      category: 'kitchen',
      price: { amount: '29.99', currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v2\/products\/\d+$/);
    expect((await res.json()).price).toEqual({ amount: '29.99', currency: 'EUR' });
    const v1 = await (await call(location.replace('/api/v2', '/api/v1'))).json();
    expect(v1.price_cents).toBe(2999);
    const old = await post('/api/v2/products', { sku: 'V2-2', name: 'Kettle', category: 'kitchen', price_cents: 2999 });
    expect(old.status).toBe(422);
    const errors = (await old.json()).errors.map((e: { field: string }) => e.field);
    expect(errors).toEqual(expect.arrayContaining(['price_cents', 'price']));
    const usd = await post('/api/v2/products', {
      sku: 'V2-3',
      name: 'Kettle',
      category: 'kitchen',
      price: { amount: '29.99', currency: 'USD' },
    });
    expect((await usd.json()).errors[0]).toMatchObject({ field: 'price.currency', pointer: '#/price/currency' });
  });

  it('metrics label v2 requests with their own prefix', async () => {
    lab.traces.length = 0;
    await call('/api/v2/users/1');
    expect(lab.traces[0]).toMatchObject({ route: '/users/{id}', apiVersion: 2 });
  });
});

describe('the same URL, the version in a header', () => {
  it('API-Version picks the contract; the response says which one and Varies on it', async () => {
    const v2 = await call('/api/shop/products/3', { headers: { 'api-version': '2' } });
    expect(v2.headers.get('api-version')).toBe('2');
    expect(v2.headers.get('vary')).toContain('API-Version');
    expect((await v2.json()).price.currency).toBe('EUR');
    expect(v2.headers.get('deprecation')).toBeNull();
    const none = await call('/api/shop/products/3');
    expect(none.headers.get('api-version')).toBe('1');
    expect(none.headers.get('deprecation')).toBe('@1793491200');
    expect((await none.json()).price_cents).toEqual(expect.any(Number));
  });

  it('an unknown version is a 400 problem listing the supported ones', async () => {
    for (const value of ['3', 'v2', '']) {
      const res = await call('/api/shop/products/3', { headers: { 'api-version': value } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('vary')).toBe('API-Version');
      const body = await res.json();
      expect(body).toMatchObject({ type: '/problems/unsupported-api-version', supported: ['1', '2'] });
    }
  });

  it('with the HTTP cache on: the ETag differs per version, Vary keeps both, and a v1 ETag never revalidates v2', async () => {
    httpCache(true);
    try {
      const v1 = await call('/api/shop/products/3', { headers: { 'api-version': '1' } });
      const v2 = await call('/api/shop/products/3', { headers: { 'api-version': '2' } });
      const [e1, e2] = [v1.headers.get('etag'), v2.headers.get('etag')];
      expect(e1).toMatch(/^".+"$/);
      expect(e2).toMatch(/^".+"$/);
      expect(e1).not.toBe(e2);
      expect(v2.headers.get('vary')).toBe('Authorization, Cookie, API-Version');
      const crossed = await call('/api/shop/products/3', {
        headers: { 'api-version': '2', 'if-none-match': e1 ?? '' },
      });
      expect(crossed.status).toBe(200);
      const same = await call('/api/shop/products/3', { headers: { 'api-version': '2', 'if-none-match': e2 ?? '' } });
      expect(same.status).toBe(304);
      expect(same.headers.get('vary')).toBe('Authorization, Cookie, API-Version');
      expect(same.headers.get('api-version')).toBe('2');
      // The path-versioned URLs carry the same validators: it is the representation that differs.
      expect((await call('/api/v2/products/3')).headers.get('etag')).toBe(e2);
      const v1Path = await call('/api/v1/products/3', { headers: { 'if-none-match': e1 ?? '' } });
      expect(v1Path.status).toBe(304);
      expect(v1Path.headers.get('deprecation')).toBe('@1793491200');
    } finally {
      httpCache(false);
    }
  });
});
