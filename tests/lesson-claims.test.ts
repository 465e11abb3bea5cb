import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from '@/lib/knobs/schema';
import { findLesson } from '@/lib/lessons/loader';
import { lessonStart } from '@/lib/lessons/start-state';
import { startTestCore, type TestCore } from '@/lib/testing/test-core';

/**
 * What the lessons tell a learner the API answers, request by request, held true against the
 * real pipeline (a tiny real dataset: 1,000 users, 100 products, 10,000 orders). Each test names
 * the lesson and the sentence it holds; docs/lesson-claims.md maps every claim to its assertion.
 */
const claims = { learnerId: 'lrn_claimsclaimsclaimscl', sandboxId: 'sbx_claimsclaimsclaimscl' };
let lab: TestCore;

beforeAll(async () => {
  lab = await startTestCore(claims, 'c');
});
afterAll(() => lab.stop());
const knobs = (patch: SettingsPatch) => lab.core.states.apply(claims.sandboxId, mergeSettings(DEFAULT_SETTINGS, patch));
beforeEach(() => knobs({}));

const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  lab.handle(
    new Request(`http://lab.local${path.startsWith('/api/') ? path : `/api/v1${path}`}`, {
      method,
      headers: {
        authorization: `Bearer ${lab.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body,
    }),
  );
const get = (path: string, headers: Record<string, string> = {}) => send('GET', path, undefined, headers);
const queries = (res: Response) =>
  Number(/db;dur=[\d.]+;desc="(\d+) quer/.exec(res.headers.get('server-timing') ?? '')?.[1]);

describe('lesson 2: resources and status codes (the "Send real requests" table and its hint)', () => {
  it('GET: 200 with server-timing, 404 problem for a missing product, 400 for abc, 404 route-not-found for an action URL', async () => {
    const ok = await get('/products/1');
    expect(ok.status).toBe(200);
    expect(queries(ok)).toBeGreaterThan(0);
    const missing = await get('/products/999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(Object.keys(await missing.json())).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']),
    );
    expect((await get('/products/abc')).status).toBe(400);
    const action = await get('/getProduct');
    expect(action.status).toBe(404);
    expect((await action.json()).type).toBe('/problems/route-not-found');
  });

  it('POST /orders: 422 reports all three bad fields with pointers; broken JSON is 400; a valid order is 201 with a location to GET', async () => {
    const bad = await send('POST', '/orders', '{"user_id": 1, "quantity": 0, "colour": "red"}');
    expect(bad.status).toBe(422);
    const errors = (await bad.json()).errors as { pointer: string }[];
    expect(errors.map((e) => e.pointer).sort()).toEqual(['#/colour', '#/product_id', '#/quantity']);
    expect((await send('POST', '/orders', '{user_id: 1}')).status).toBe(400);
    const created = await send('POST', '/orders', '{"user_id": 1, "product_id": 2}');
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v1\/orders\/\d+$/);
    expect((await get(location.replace('/api/v1', ''))).status).toBe(200);
  });

  it('a taken email is 409 pointing at #/email; PATCH is 200 with updated_at, then 422 for {}; ordered product 409; DELETE /orders/1 405 with allow', async () => {
    const user = await (await get('/users/1')).json();
    const taken = await send('POST', '/users', JSON.stringify({ email: user.email, name: 'Someone', country: 'DE' }));
    expect(taken.status).toBe(409);
    expect((await taken.json()).errors[0].pointer).toBe('#/email');
    const patched = await send('PATCH', '/products/2', '{"price_cents": 1999}');
    expect(patched.status).toBe(200);
    expect((await patched.json()).updated_at).toEqual(expect.any(String));
    expect((await send('PATCH', '/products/2', '{}')).status).toBe(422);
    const ordered = await send('DELETE', '/products/1');
    expect(ordered.status).toBe(409);
    expect((await ordered.json()).detail).toMatch(/orders/);
    const notAllowed = await send('DELETE', '/orders/1');
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toContain('GET');
  });

  it('the DELETE story: a new product has no stock (an order is 409), DELETE is 204, again 404', async () => {
    const created = await send(
      'POST',
      '/products',
      '{"sku": "LAB-1", "name": "Travel Kettle", "category": "kitchen", "price_cents": 2499}',
    );
    expect(created.status).toBe(201);
    const { id, stock } = await created.json();
    expect(stock).toBe(0);
    expect((await send('POST', '/orders', JSON.stringify({ user_id: 1, product_id: id }))).status).toBe(409);
    expect((await send('DELETE', `/products/${id}`)).status).toBe(204);
    expect((await send('DELETE', `/products/${id}`)).status).toBe(404);
  });

  it('429: with 5 per 10 s the sixth GET is refused with retry-after and a problem; every answer carries ratelimit headers', async () => {
    knobs({ rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 5, windowSeconds: 10 } });
    const answers: Response[] = [];
    // Six requests in the same 10 s window: a window boundary can fall between them, so send until one is refused.
    for (let i = 0; i < 11 && !answers.some((r) => r.status === 429); i++) answers.push(await get('/users/1'));
    const refused = answers.find((r) => r.status === 429);
    expect(refused, 'a 429 within two windows of requests').toBeDefined();
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused?.headers.get('content-type')).toBe('application/problem+json');
    for (const r of answers) {
      expect(r.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
      expect(r.headers.get('ratelimit-policy')).toBe('"default";q=5;w=10');
    }
  });
});

describe('lesson 4: pagination', () => {
  it('offset sends two queries (the COUNT) with total and totalPages; limit=1000 is 400', async () => {
    const page = await get('/orders?page=1');
    expect(queries(page)).toBe(2);
    expect((await page.json()).pagination).toMatchObject({
      mode: 'offset',
      total: expect.any(Number),
      totalPages: expect.any(Number),
    });
    expect(page.headers.get('link')).toContain('rel="last"');
    expect((await get('/orders?page=1&limit=1000')).status).toBe(400);
  });

  it('cursor sends one query, pagination holds nextCursor, the link header names the next page, since= jumps to a value', async () => {
    knobs({ pagination: { mode: 'cursor' } });
    const first = await get('/orders');
    expect(queries(first)).toBe(1);
    const { pagination } = await first.json();
    expect(pagination.nextCursor).toEqual(expect.any(String));
    expect(first.headers.get('link')).toContain(`cursor=${pagination.nextCursor}`);
    expect((await get(`/orders?cursor=${pagination.nextCursor}`)).status).toBe(200);
    const since = await (await get('/orders?since=2025-06-01T00:00:00Z')).json();
    expect(since.data[0].created_at >= '2025-06-01').toBe(true);
  });

  it('unbounded stops at its cap: pagination is the last field and says truncated; x-result-cap and x-result-truncated say it too', async () => {
    knobs({ pagination: { mode: 'unbounded' } });
    const res = await get('/orders');
    const text = await res.text();
    expect(res.headers.get('x-result-cap')).toMatch(/^\d+$/);
    expect(res.headers.get('x-result-truncated')).toBe('true');
    expect(Object.keys(JSON.parse(text)).at(-1)).toBe('pagination');
    expect(JSON.parse(text).pagination.truncated).toBe(true);
  });

  it('rows that move: a new product pushes the last row of page 1 onto page 2', async () => {
    const list = '/products?sort=-created_at&limit=3&fields=id,name';
    const page1 = (await (await get(list)).json()).data as { id: number }[];
    const created = await send(
      'POST',
      '/products',
      '{"sku": "LAB-2", "name": "Night Kettle", "category": "kitchen", "price_cents": 2499}',
    );
    const page2 = (await (await get(`${list}&page=2`)).json()).data as { id: number }[];
    expect(page2[0]?.id).toBe(page1[2]?.id);
    await send('DELETE', `/products/${(await created.json()).id}`);
  });
});

describe('lesson 5: caching in layers', () => {
  it('MISS with two queries, then HIT with none; a PATCH and a new order each drop the entry', async () => {
    knobs({ appCache: { enabled: true, ttlSeconds: 300 } });
    const miss = await get('/products/43');
    expect([miss.headers.get('x-cache'), queries(miss)]).toEqual(['MISS', 2]);
    const hit = await get('/products/43');
    expect([hit.headers.get('x-cache'), queries(hit)]).toEqual(['HIT', 0]);
    await send('PATCH', '/products/43', '{"price_cents": 1999}');
    const afterPatch = await get('/products/43');
    expect(afterPatch.headers.get('x-cache')).toBe('MISS');
    const before = (await afterPatch.json()).stats.order_count;
    expect((await send('POST', '/orders', '{"user_id": 1, "product_id": 43, "quantity": 1}')).status).toBe(201);
    const afterOrder = await get('/products/43');
    expect(afterOrder.headers.get('x-cache')).toBe('MISS');
    expect((await afterOrder.json()).stats.order_count).toBe(before + 1);
  });

  it('an expired entry is a miss again, and Server-Timing says cache;desc="stale"', async () => {
    knobs({ appCache: { enabled: true, ttlSeconds: 1 } });
    await get('/products/44');
    await new Promise((r) => setTimeout(r, 1_100));
    const stale = await get('/products/44');
    expect(stale.headers.get('x-cache')).toBe('MISS');
    expect(stale.headers.get('server-timing')).toMatch(/cache;dur=[\d.]+;desc="stale"/);
  });

  it('HTTP cache: ETag and private max-age; If-None-Match gets a 304 that still ran the queries unless the app cache answered', async () => {
    knobs({ httpCache: { enabled: true, maxAgeSeconds: 60 } });
    const first = await get('/products/1');
    expect(first.headers.get('cache-control')).toBe('private, max-age=60');
    const etag = first.headers.get('etag') ?? '';
    const revalidated = await get('/products/1', { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(queries(revalidated)).toBe(2);
    knobs({ httpCache: { enabled: true, maxAgeSeconds: 60 }, appCache: { enabled: true } });
    await get('/products/1');
    const cheap = await get('/products/1', { 'if-none-match': etag });
    expect([cheap.status, queries(cheap)]).toEqual([304, 0]);
  });
});

describe('lesson 6: rate limiting, what a well-behaved client reads', () => {
  it("RateLimit-Policy and RateLimit in the draft's syntax; 3 per 60 s refuses the fourth with Retry-After", async () => {
    knobs({ rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 3, windowSeconds: 60 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get('/users/1'));
    expect(answers[0]?.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
    expect(answers.slice(0, 3).map((r) => /r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1])).toEqual([
      '2',
      '1',
      '0',
    ]);
    expect(answers[3]?.status).toBe(429);
    expect(Number(answers[3]?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a token bucket of 3 per 60 s: Retry-After is the time until one token comes back (at most 20 s)', async () => {
    knobs({ rateLimit: { enabled: true, algorithm: 'token-bucket', limit: 3, windowSeconds: 60, burst: 3 } });
    let refused: Response | undefined;
    for (let i = 0; i < 5 && !refused; i++) {
      const r = await get('/users/2');
      if (r.status === 429) refused = r;
    }
    const wait = Number(refused?.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(20);
  });
});

describe('lesson 8: common mistakes', () => {
  it('n-plus-one runs 3 queries plus one per order on the page; join runs 4; fields=id,name,price_cents skips the stats query', async () => {
    knobs({ queryShape: { expand: 'n-plus-one' } });
    const loop = await get('/users/1/orders?expand=product&limit=50');
    const rows = (await loop.json()).data.length;
    expect(rows).toBeGreaterThan(1);
    expect(queries(loop)).toBe(3 + rows);
    expect(queries(await get('/users/1/orders?limit=50'))).toBe(3);
    knobs({ queryShape: { expand: 'join' } });
    expect(queries(await get('/users/1/orders?expand=product&limit=50'))).toBe(4);
    expect(queries(await get('/products/1'))).toBe(2);
    const card = await get('/products/1?fields=id,name,price_cents');
    expect([queries(card), card.headers.get('x-cache')]).toEqual([1, 'BYPASS']);
  });
});

describe('lesson 13: API versioning', () => {
  it('a user has no money in it: both versions send the same bytes and the same ETag, and a 304 across versions', async () => {
    knobs({ httpCache: { enabled: true } });
    const v1 = await get('/api/shop/users/1', { 'api-version': '1' });
    const v2 = await get('/api/shop/users/1', { 'api-version': '2' });
    expect(await v1.text()).toBe(await v2.text());
    expect(v1.headers.get('etag')).toBe(v2.headers.get('etag'));
    const crossed = await get('/api/shop/users/1', {
      'api-version': '2',
      'if-none-match': v1.headers.get('etag') ?? '',
    });
    expect(crossed.status).toBe(304);
  });
});

describe('lessons 3, 11 and 12: where the write times come from', () => {
  it('the writes knob defaults to a 50 ms stand-in in sync mode; lesson 12 starts there, lesson 3 at 0 ms, lesson 11 at 500 ms', () => {
    expect(DEFAULT_SETTINGS.writes).toEqual({ mode: 'sync', processingMs: 50, workers: 1, queueLimit: 1000 });
    const startOf = (slug: string) => lessonStart(findLesson(slug)?.frontmatter ?? { preset: {} }).settings.writes;
    expect(startOf('read-replicas')).toMatchObject({ mode: 'sync', processingMs: 50 });
    expect(startOf('indexes')).toMatchObject({ mode: 'sync', processingMs: 0 });
    // "Reset this lesson so your knobs match the lesson: sync, 500 ms, one worker."
    expect(startOf('queues-for-slow-writes')).toEqual({
      mode: 'sync',
      processingMs: 500,
      workers: 1,
      queueLimit: 1000,
    });
  });

  it('lesson 12: one request in ten is a write, more than the slowest 5 in 100, so p95 lands on the writes', () => {
    const mix = findLesson('read-replicas')?.frontmatter.workload?.mix ?? [];
    const total = mix.reduce((sum, m) => sum + m.weight, 0);
    const writes = mix.filter((m) => m.endpoint === 'create-order').reduce((sum, m) => sum + m.weight, 0);
    expect(writes / total).toBeCloseTo(0.1);
    expect(writes / total).toBeGreaterThan(0.05);
  });
});
