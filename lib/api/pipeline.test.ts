import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../learners/identity';
import { startTestCore, type TestCore } from '../testing/test-core';

const claims = { learnerId: 'lrn_pipelinepipelinepipe', sandboxId: 'sbx_pipelinepipelinepipe' };
let lab: TestCore;
let handle: (r: Request) => Promise<Response>;
let token: string;

beforeAll(async () => {
  lab = await startTestCore(claims, 'p');
  ({ handle, token } = lab);
});
afterAll(() => lab.stop());

const call = (path: string, init: RequestInit & { auth?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  if (init.auth !== null) headers.set('authorization', `Bearer ${init.auth ?? token}`);
  return handle(new Request(`http://lab.local/api/v1${path}`, { ...init, headers }));
};
const json = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = await res.json();
  expect(body).toMatchObject({ status, type: `/problems/${type}` });
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('Shop API v1: success statuses', () => {
  it('200 with data, pagination, a Link to the next page and Server-Timing', async () => {
    const res = await call('/products?limit=5&sort=-price');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data).toHaveLength(5);
    expect(body.pagination).toEqual({ mode: 'offset', page: 1, limit: 5, total: 100, totalPages: 20 });
    expect(res.headers.get('link')).toContain('</api/v1/products?limit=5&sort=-price&page=2>; rel="next"');
    expect(res.headers.get('server-timing')).toMatch(/^db;dur=[\d.]+;desc="2 queries", total;dur=[\d.]+$/);
    expect(res.headers.get('x-cache')).toBe('BYPASS');
  });

  it('the last page has no rel="next"', async () => {
    const res = await call('/products?limit=50&page=2');
    expect(res.headers.get('link')).not.toContain('rel="next"');
  });

  it('200 for a product with its sales stats', async () => {
    const res = await call('/products/1');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: 1, stats: { order_count: expect.any(Number), units_sold: expect.any(Number) } });
  });

  it('201 with Location for a created product, 200 for a patch, 204 with no body for a delete', async () => {
    const created = await call(
      '/products',
      json({ sku: 'SKU-NEW', name: 'Desk Lamp', category: 'home', price_cents: 2500 }),
    );
    expect(created.status).toBe(201);
    const product = await created.json();
    expect(created.headers.get('location')).toBe(`/api/v1/products/${product.id}`);
    const patched = await call(`/products/${product.id}`, { ...json({ price_cents: 2700 }), method: 'PATCH' });
    expect(patched.status).toBe(200);
    expect((await patched.json()).price_cents).toBe(2700);
    const deleted = await call(`/products/${product.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    await expectProblem(await call(`/products/${product.id}`), 404, 'not-found');
  });

  it('looks users up by email and lists their orders', async () => {
    const user = await (await call('/users/5')).json();
    const found = await (await call(`/users?email=${encodeURIComponent(user.email)}`)).json();
    expect(found.data.map((u: { id: number }) => u.id)).toEqual([5]);
    const orders = await call('/users/1/orders?limit=2');
    expect(orders.status).toBe(200);
    expect((await orders.json()).data.every((o: { user_id: number }) => o.user_id === 1)).toBe(true);
  });

  it('201 for a new user and a new order', async () => {
    const u = await call('/users', json({ email: 'Someone.New@Example.com', name: 'Someone New', country: 'FR' }));
    expect(u.status).toBe(201);
    expect((await u.json()).email).toBe('someone.new@example.com');
    const o = await call('/orders', json({ user_id: 1, product_id: 5, quantity: 1 }));
    expect(o.status).toBe(201);
    expect(o.headers.get('location')).toMatch(/^\/api\/v1\/orders\/\d+$/);
  });

  it('HEAD answers like GET without a body; OPTIONS lists the methods', async () => {
    const head = await call('/products/1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await call('/products/1', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE, OPTIONS');
  });

  it('lists orders inside a window given with any time zone offset', async () => {
    const res = await call(
      `/orders?since=${encodeURIComponent('2024-03-01T02:00:00+02:00')}&until=2024-03-02T00:00:00Z&limit=100`,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(
      body.data.every(
        (o: { created_at: string }) => o.created_at >= '2024-03-01T00:00:00.000Z' && o.created_at < '2024-03-02',
      ),
    ).toBe(true);
  });
});

describe('Shop API v1: client errors are problem details, never 500', () => {
  it('400 for malformed JSON and for an empty body', async () => {
    await expectProblem(await call('/orders', { ...json({}), body: '{"user_id": 1,' }), 400, 'malformed-json');
    await expectProblem(await call('/orders', { ...json({}), body: '' }), 400, 'malformed-json');
  });

  it('400 naming each bad, unknown or repeated query parameter', async () => {
    const body = await expectProblem(
      await call('/products?limit=500&colour=red&page=1&page=2'),
      400,
      'invalid-parameters',
    );
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'limit', 'page']);
    await expectProblem(await call('/orders?since=yesterday'), 400, 'invalid-parameters');
    await expectProblem(
      await call('/orders?since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z'),
      400,
      'invalid-parameters',
    );
    await expectProblem(await call('/products/abc'), 400, 'invalid-parameters');
    await expectProblem(await call('/products/%E0%A4%A'), 400, 'invalid-parameters');
  });

  it('401 without a token, with a tampered token and with an expired token', async () => {
    const missing = await expectProblem(await call('/products/1', { auth: null }), 401, 'unauthorized');
    expect(missing.detail).toContain('POST /api/lab/sandbox');
    const res = await call('/products/1', { auth: `${token.slice(0, -2)}xx` });
    await expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    const expired = await issueToken(claims, lab.secret, 60, new Date(Date.now() - 3_600_000));
    const body = await expectProblem(await call('/products/1', { auth: expired }), 401, 'unauthorized');
    expect(body.detail).toContain('expired');
  });

  it('404 for an unknown id and for an unknown route', async () => {
    await expectProblem(await call('/products/999999'), 404, 'not-found');
    await expectProblem(await call('/users/999999/orders'), 404, 'not-found');
    await expectProblem(await call('/basket'), 404, 'route-not-found');
  });

  it('405 with Allow for a method the resource does not support', async () => {
    const res = await call('/orders/1', { method: 'DELETE' });
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('409 for a duplicate email, for overselling and for deleting an ordered product', async () => {
    const user = await (await call('/users/3')).json();
    const dup = await expectProblem(
      await call('/users', json({ email: user.email, name: 'Twin', country: 'DE' })),
      409,
      'conflict',
    );
    expect(dup.errors[0]).toMatchObject({ field: 'email', pointer: '#/email' });
    expect((await call('/products/4', { ...json({ stock: 2 }), method: 'PATCH' })).status).toBe(200);
    await expectProblem(await call('/orders', json({ user_id: 1, product_id: 4, quantity: 3 })), 409, 'conflict');
    await expectProblem(await call('/products/1', { method: 'DELETE' }), 409, 'conflict');
  });

  it('415 when the body is not JSON', async () => {
    const res = await call('/products', {
      method: 'POST',
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectProblem(res, 415, 'unsupported-media-type');
    expect(res.headers.get('accept-post')).toBe('application/json');
  });

  it('422 naming each invalid field with a JSON pointer', async () => {
    const body = await expectProblem(
      await call('/products', json({ sku: '', name: 'x', category: 'weapons', price_cents: 1.5, extra: true })),
      422,
      'validation-failed',
    );
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['category', 'extra', 'price_cents', 'sku']);
    expect(body.errors.find((e: { field: string }) => e.field === 'category').pointer).toBe('#/category');
    await expectProblem(await call('/orders', json({ user_id: 999_999, product_id: 1 })), 422, 'validation-failed');
    // A missing field says so, in words.
    const missing = await expectProblem(await call('/orders', json({ product_id: 1 })), 422, 'validation-failed');
    expect(missing.errors).toEqual([{ field: 'user_id', in: 'body', detail: 'is required', pointer: '#/user_id' }]);
    await expectProblem(await call('/products/2', { ...json({}), method: 'PATCH' }), 422, 'validation-failed');
    await expectProblem(await call('/products', json([1, 2])), 422, 'validation-failed');
  });

  it('leaves a trace of every request with its route and queries', async () => {
    lab.traces.length = 0;
    await call('/users/2');
    expect(lab.traces).toHaveLength(1);
    expect(lab.traces[0]).toMatchObject({
      route: '/users/{id}',
      status: 200,
      sandboxId: claims.sandboxId,
      cache: 'BYPASS',
      limited: false,
    });
    expect(lab.traces[0]!.queries).toHaveLength(1);
  });
});

describe('Shop API v1: a client that hangs up', () => {
  it('does not get its queued stats scan run: the work is dropped and counted as shed (503)', async () => {
    const gone = new AbortController();
    gone.abort();
    const res = await call('/products/1', { signal: gone.signal });
    const body = await expectProblem(res, 503, 'lab-unavailable');
    expect(body.detail).toMatch(/client gave up/);
    // The same request from a client that stays gets its answer.
    expect((await call('/products/1')).status).toBe(200);
  });
});
