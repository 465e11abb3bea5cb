import { describe, expect, it } from 'vitest';
import { createKeySampler, createRng } from './distribution';
import { ENDPOINT_KEYS, ENDPOINTS, type Keyspace } from './endpoints';

const keyspace: Keyspace = {
  users: 1000,
  products: 100,
  emails: ['ada.adams.1@example.com', 'bea+x.baker.2@example.com'],
};
const keys = () =>
  createKeySampler(
    { distribution: 'uniform', zipfSkew: 1.1, hotSetFraction: 0.01, hotTrafficFraction: 0.9 },
    createRng(1),
  );

describe('endpoint catalogue', () => {
  it('has the ten endpoints, one of them a write', () => {
    expect(ENDPOINT_KEYS).toHaveLength(10);
    expect(ENDPOINT_KEYS.filter((k) => ENDPOINTS[k].write)).toEqual(['create-order']);
  });

  it('builds requests inside the keyspace', () => {
    const k = keys();
    for (let i = 0; i < 200; i++) {
      const product = ENDPOINTS['product-by-id'].buildRequest(k, keyspace);
      expect(product.method).toBe('GET');
      const id = Number(/^\/api\/v1\/products\/(\d+)$/.exec(product.path)?.[1]);
      expect(id >= 1 && id <= 100).toBe(true);

      const page = Number(
        /^\/api\/v1\/products\?page=(\d+)&limit=20$/.exec(
          ENDPOINTS['products-page'].buildRequest(k, keyspace).path,
        )?.[1],
      );
      expect(page >= 1 && page <= 5).toBe(true);

      expect(ENDPOINTS['user-by-id'].buildRequest(k, keyspace).path).toMatch(/^\/api\/v1\/users\/([1-9]\d{0,2}|1000)$/);
      expect(ENDPOINTS['user-orders'].buildRequest(k, keyspace).path).toMatch(/^\/api\/v1\/users\/\d+\/orders$/);
    }
  });

  it('looks up emails from the sample, URL-encoded', () => {
    const k = keys();
    const paths = new Set(Array.from({ length: 50 }, () => ENDPOINTS['user-by-email'].buildRequest(k, keyspace).path));
    expect(paths).toEqual(
      new Set(['/api/v1/users?email=ada.adams.1%40example.com', '/api/v1/users?email=bea%2Bx.baker.2%40example.com']),
    );
    expect(ENDPOINTS['user-by-email'].buildRequest(k, { ...keyspace, emails: [] }).path).toMatch(
      /^\/api\/v1\/users\?email=nobody\.\d+%40example\.com$/,
    );
  });

  it('asks for a one-day window of orders inside 2024-2025', () => {
    const k = keys();
    for (let i = 0; i < 200; i++) {
      const { path } = ENDPOINTS['orders-by-date'].buildRequest(k, keyspace);
      const q = new URL(path, 'http://x').searchParams;
      const since = Date.parse(q.get('since') ?? '');
      const until = Date.parse(q.get('until') ?? '');
      expect(until - since).toBe(86_400_000);
      expect(since).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1));
      expect(since).toBeLessThanOrEqual(Date.UTC(2025, 11, 30));
      expect(q.get('since')).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
    }
  });

  it('asks for a page of the whole order history at a random depth, cut as the sandbox cuts lists', () => {
    const k = keys();
    const ks = { ...keyspace, orders: 100_000 };
    const pages: number[] = [];
    for (let i = 0; i < 400; i++) {
      const offset = ENDPOINTS['orders-history'].buildRequest(k, { ...ks, pagination: 'offset' }).path;
      const page = Number(/^\/api\/v1\/orders\?page=(\d+)&limit=20$/.exec(offset)?.[1]);
      expect(page >= 1 && page <= 5000).toBe(true);
      pages.push(page);
      const cursor = ENDPOINTS['orders-history'].buildRequest(k, { ...ks, pagination: 'cursor' }).path;
      const since = new URL(cursor, 'http://x').searchParams.get('since') ?? '';
      expect(cursor).toMatch(/^\/api\/v1\/orders\?since=\d{4}-\d\d-\d\dT\d\d:00:00Z&limit=20$/);
      expect(Date.parse(since)).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1));
      expect(Date.parse(since)).toBeLessThan(Date.UTC(2026, 0, 1));
    }
    // Deep pages, not the first few: half of them past the middle of the history.
    expect(pages.filter((p) => p > 2500).length).toBeGreaterThan(150);
    expect(ENDPOINTS['orders-history'].buildRequest(k, { ...ks, pagination: 'unbounded' }).path).toBe('/api/v1/orders');
  });

  it('creates orders with a JSON body', () => {
    const r = ENDPOINTS['create-order'].buildRequest(keys(), keyspace);
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/api/v1/orders');
    const body = JSON.parse(r.body ?? '') as { user_id: number; product_id: number; quantity: number };
    expect(body.quantity).toBe(1);
    expect(body.user_id).toBeLessThanOrEqual(1000);
    expect(body.product_id).toBeLessThanOrEqual(100);
  });
});
