import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { setLabHost } from '@/lib/lab-server/host';
import { getSettings, patchSettings } from './helpers/control-requests';

/**
 * Each knob, flipped through the real control API, changes what the real /api/v1 does on
 * a real SQLite sandbox: plans, 304s, 429s, query counts and payload sizes.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let settings: typeof import('@/app/api/lab/settings/route');
let explain: typeof import('@/app/api/lab/explain/route');
let api: typeof import('@/lib/lab-server/front-door-routes');
let auth: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('k');
  settings = await import('@/app/api/lab/settings/route');
  explain = await import('@/app/api/lab/explain/route');
  api = await import('@/lib/lab-server/front-door-routes');
  auth = await testLab.claim();
});
afterAll(() => testLab.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  api.GET(new Request(`http://localhost/api/v1${path}`, { headers: { ...auth, ...headers } }));
const patch = (body: unknown) => patchSettings(auth, body);
const plan = async (endpoint: string) => {
  const res = await explain.GET(
    new Request(`http://localhost/api/lab/explain?endpoint=${endpoint}`, { headers: auth }),
  );
  const body = await res.json();
  return body.statements
    .map((s: { plan: { detail: string }[] }) => s.plan.map((p) => p.detail).join(' | '))
    .join(' || ');
};
const queries = (res: Response) =>
  Number(/db;dur=[\d.]+;desc="(\d+) quer/.exec(res.headers.get('server-timing') ?? '')?.[1]);

describe('settings API', () => {
  it('starts with everything off and the teaching indexes absent', async () => {
    const res = await getSettings(auth);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.settings.appCache.enabled).toBe(false);
    expect(body.indexes.map((i: { name: string; present: boolean }) => [i.name, i.present])).toEqual([
      ['idx_user_email', false],
      ['idx_order_user_id', false],
      ['idx_order_created_at', false],
    ]);
  });

  it('rejects a bad value with 422 naming it, and changes nothing', async () => {
    const res = await patch({
      appCache: { enabled: true, ttlSeconds: -5 },
      rateLimit: { algorithm: 'leaky' },
      indexes: { idx_order_user_id: true },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['appCache.ttlSeconds', 'rateLimit.algorithm']);
    const after = await (await getSettings(auth)).json();
    expect(after.settings.appCache.enabled).toBe(false);
    expect(after.indexes[1].present).toBe(false);
  });

  it("answers without waiting on the lab server thread (busy with everyone's load in a workshop)", async () => {
    const real = testLab.lab;
    // A lab server too busy to answer any call: the knobs must still be readable.
    setLabHost({ ...real, call: () => new Promise<never>(() => {}) });
    try {
      const res = await getSettings(auth);
      expect(res.status).toBe(200);
      expect((await res.json()).indexes).toHaveLength(3);
    } finally {
      setLabHost(real);
    }
  });

  it('401 without a token; 415 for a non-JSON body', async () => {
    expect((await settings.GET(new Request('http://localhost/api/lab/settings'))).status).toBe(401);
    const res = await settings.PATCH(
      new Request('http://localhost/api/lab/settings', { method: 'PATCH', headers: auth, body: 'x' }),
    );
    expect(res.status).toBe(415);
  });
});

describe('indexes knob', () => {
  it('CREATE INDEX turns a scan of orders into an index search, and DROP turns it back', async () => {
    expect(await plan('user-orders')).toMatch(/SCAN orders/);
    const on = await patch({ indexes: { idx_order_user_id: true } });
    const body = await on.json();
    expect(body.changes).toEqual([{ index: 'idx_order_user_id', action: 'created', ms: expect.any(Number) }]);
    expect(body.indexes[1]).toMatchObject({
      name: 'idx_order_user_id',
      present: true,
      lastBuildMs: expect.any(Number),
    });
    expect(await plan('user-orders')).toMatch(/SEARCH orders USING INDEX idx_order_user_id \(user_id=\?\)/);
    await patch({ indexes: { idx_order_user_id: false } });
    expect(await plan('user-orders')).not.toMatch(/idx_order_user_id/);
  });

  it('the email lookup uses idx_user_email once it exists', async () => {
    expect(await plan('user-by-email')).toMatch(/SCAN users/);
    await patch({ indexes: { idx_user_email: true } });
    expect(await plan('user-by-email')).toMatch(/SEARCH users USING INDEX idx_user_email \(email=\?\)/);
  });
});

describe('HTTP cache knob', () => {
  it('off: Cache-Control no-store and no ETag; on: ETag, max-age and 304 without a body', async () => {
    const off = await get('/products/3');
    expect(off.headers.get('cache-control')).toBe('no-store');
    expect(off.headers.get('etag')).toBeNull();
    await patch({ httpCache: { enabled: true, maxAgeSeconds: 30 } });
    const first = await get('/products/3');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, max-age=30');
    const revalidated = await get('/products/3', { 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
  });

  it('the ETag changes when the representation changes', async () => {
    const before = (await get('/products/3')).headers.get('etag');
    await api.PATCH(
      new Request('http://localhost/api/v1/products/3', {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: '{"stock": 7}',
      }),
    );
    const after = await get('/products/3', { 'if-none-match': before! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
  });
});

describe('application cache knob', () => {
  it('off: X-Cache BYPASS; on: MISS then HIT with no database work, counted', async () => {
    expect((await get('/products/5')).headers.get('x-cache')).toBe('BYPASS');
    await patch({ appCache: { enabled: true, ttlSeconds: 60 } });
    const miss = await get('/products/5');
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(queries(miss)).toBe(2);
    const hit = await get('/products/5');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(queries(hit)).toBe(0);
    expect(hit.headers.get('server-timing')).toContain('cache;dur=');
    const body = await (await getSettings(auth)).json();
    expect(body.cache).toMatchObject({ hits: 1, misses: 1 });
  });

  it('a new order for the product invalidates its cached stats', async () => {
    const before = await (await get('/products/5')).json();
    const order = await api.POST(
      new Request('http://localhost/api/v1/orders', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 2, product_id: 5, quantity: 1 }),
      }),
    );
    expect(order.status).toBe(201);
    const after = await get('/products/5');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect((await after.json()).stats.order_count).toBe(before.stats.order_count + 1);
  });
});

describe('rate limit knob', () => {
  it('429 with Retry-After and RateLimit headers once a client is over its limit; other clients unaffected', async () => {
    await patch({ rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 3, windowSeconds: 60 } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await get('/users/1', { 'x-client-id': 'noisy' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last!.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
    expect(last!.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
    expect((await get('/users/1', { 'x-client-id': 'quiet' })).status).toBe(200);
    expect((await get('/users/1', { 'x-client-id': 'bad id!' })).status).toBe(400);
    await patch({ rateLimit: { enabled: false } });
  });
});

describe('query shape knobs', () => {
  it('N+1 runs one product query per order; the batch runs one for all', async () => {
    await patch({ queryShape: { expand: 'n-plus-one' } });
    const n1 = await get('/users/1/orders?expand=product&limit=10');
    const rows = (await n1.json()).data;
    expect(rows[0].product).toMatchObject({ id: rows[0].product_id });
    // user check + page + count + one per order
    expect(queries(n1)).toBe(3 + rows.length);
    await patch({ queryShape: { expand: 'join' } });
    const batched = await get('/users/1/orders?expand=product&limit=10');
    expect(queries(batched)).toBe(4);
    expect((await batched.json()).data).toEqual(rows);
  });

  it('fields= shrinks the payload; unknown fields are a 400 naming them', async () => {
    const full = await (await get('/products?limit=20')).text();
    const slim = await (await get('/products?limit=20&fields=id,name,price_cents')).text();
    expect(JSON.parse(slim).data[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      price_cents: expect.any(Number),
    });
    expect(slim.length).toBeLessThan(full.length / 2);
    const bad = await get('/products/1?fields=id,colour,weight');
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain('"colour", "weight"');
  });
});

describe('pagination knob', () => {
  it('cursor mode: opaque signed cursors, no totals, a tampered cursor is a 400', async () => {
    await patch({ pagination: { mode: 'cursor' } });
    const first = await (await get('/orders?limit=5')).json();
    expect(first.pagination).toEqual({ mode: 'cursor', limit: 5, nextCursor: expect.any(String), hasMore: true });
    const second = await (await get(`/orders?limit=5&cursor=${first.pagination.nextCursor}`)).json();
    expect(second.data[0].id).toBeGreaterThan(first.data[4].id);
    const c = first.pagination.nextCursor as string;
    const tampered = `${c.slice(0, 3)}${c[3] === 'A' ? 'B' : 'A'}${c.slice(4)}`;
    expect((await get(`/orders?limit=5&cursor=${tampered}`)).status).toBe(400);
    expect((await get('/orders?page=2')).status).toBe(400);
    expect((await get('/products?sort=price')).status).toBe(400);
  });

  it('unbounded mode returns every row up to the cap and says so in headers', async () => {
    await patch({ pagination: { mode: 'unbounded' } });
    const res = await get('/products');
    const body = await res.json();
    expect(body.data).toHaveLength(100);
    expect(body.pagination).toEqual({ mode: 'unbounded', returned: 100, cap: 10_000, truncated: false });
    expect(res.headers.get('x-result-cap')).toBe('10000');
    // 10,000 seeded orders plus the one created above: one more than the cap.
    const orders = await get('/orders');
    expect(orders.headers.get('x-result-truncated')).toBe('true');
    expect((await orders.json()).data).toHaveLength(10_000);
    await patch({ pagination: { mode: 'offset' } });
  });
});
