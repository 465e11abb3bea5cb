import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDataDir, openTestSandbox } from '../../testing/test-env';
import type { Db } from '../open';
import type { QueryRecorder } from '../recorder';
import { deleteProduct, getProduct, getProductStats, insertProduct, listProducts, updateProduct } from './products';
import { findUsersByEmail, getUser, insertUser, listUserOrders } from './users';
import { createOrder, listOrders } from './orders';

let env: ReturnType<typeof createTestDataDir>;
let db: Db;
let q: QueryRecorder;
const NOW = '2026-01-01T00:00:00.000Z';

beforeAll(() => {
  env = createTestDataDir();
  ({ db, q } = openTestSandbox(env.dataDir));
});
afterAll(() => {
  db.close();
  env.cleanup();
});

describe('products', () => {
  it('lists a page in the requested order with the total', () => {
    const { rows, total } = listProducts(q, { sort: '-price' }, { mode: 'offset', limit: 5, offset: 0 });
    expect(total).toBe(100);
    expect(rows).toHaveLength(5);
    const prices = rows.map((r) => r.price_cents);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it('filters by category', () => {
    const { rows, total } = listProducts(
      q,
      { category: 'books', sort: 'created_at' },
      { mode: 'offset', limit: 100, offset: 0 },
    );
    expect(rows.every((r) => r.category === 'books')).toBe(true);
    expect(rows.length).toBe(total);
  });

  it('aggregates sales stats from the orders table', () => {
    const expected = db
      .prepare(
        "SELECT COUNT(*) AS c, SUM(quantity) AS u, SUM(total_cents) AS r FROM orders WHERE product_id = 1 AND status != 'cancelled'",
      )
      .get() as { c: number; u: number; r: number };
    expect(expected.c).toBeGreaterThan(0);
    expect(getProductStats(q, 1)).toEqual({
      order_count: expected.c,
      units_sold: expected.u,
      revenue_cents: expected.r,
    });
  });

  it('creates, updates and deletes a product that has no orders', () => {
    const p = insertProduct(
      q,
      { sku: 'SKU-T1', name: 'Test Lamp', category: 'home', price_cents: 1999, stock: 3 },
      NOW,
    );
    expect(getProduct(q, p.id)).toMatchObject({ sku: 'SKU-T1', price_cents: 1999 });
    expect(updateProduct(q, p.id, { price_cents: 2499 }, '2026-01-02T00:00:00.000Z')).toMatchObject({
      price_cents: 2499,
      updated_at: '2026-01-02T00:00:00.000Z',
      created_at: NOW,
    });
    expect(deleteProduct(q, p.id)).toBe('deleted');
    expect(getProduct(q, p.id)).toBeUndefined();
    expect(deleteProduct(q, p.id)).toBe('not-found');
  });

  it('refuses to delete a product that appears in orders', () => {
    expect(deleteProduct(q, 1)).toBe('has-orders');
    expect(getProduct(q, 1)).toBeDefined();
  });
});

describe('users', () => {
  it('finds a user by email and refuses a duplicate email', () => {
    const u = getUser(q, 7);
    expect(u).toBeDefined();
    expect(findUsersByEmail(q, u!.email).map((r) => r.id)).toEqual([7]);
    expect(insertUser(q, { email: u!.email, name: 'Copy', country: 'DE' }, NOW)).toBe('duplicate-email');
    const created = insertUser(q, { email: 'new.person@example.com', name: 'New Person', country: 'DE' }, NOW);
    expect(created).toMatchObject({ email: 'new.person@example.com', created_at: NOW });
  });

  it("pages a user's orders newest first with the total", () => {
    const total = (db.prepare('SELECT COUNT(*) AS n FROM orders WHERE user_id = 1').get() as { n: number }).n;
    const page = listUserOrders(q, 1, { mode: 'offset', limit: 3, offset: 0 });
    expect(page.total).toBe(total);
    expect(page.rows.every((o) => o.user_id === 1)).toBe(true);
    const times = page.rows.map((o) => o.created_at);
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe('orders', () => {
  it('lists orders inside a time window', () => {
    const { rows, total } = listOrders(
      q,
      { since: '2024-06-01T00:00:00.000Z', until: '2024-06-08T00:00:00.000Z' },
      { mode: 'offset', limit: 100, offset: 0 },
    );
    expect(total).toBeGreaterThan(0);
    expect(rows.every((o) => o.created_at >= '2024-06-01' && o.created_at < '2024-06-08')).toBe(true);
  });

  it('creates an order, prices it and takes the stock', () => {
    const before = getProduct(q, 2)!;
    const result = createOrder(q, { user_id: 1, product_id: 2, quantity: 1 }, NOW);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.order.total_cents).toBe(before.price_cents);
    expect(getProduct(q, 2)!.stock).toBe(before.stock - 1);
  });

  it('rejects unknown users and products and overselling, and changes nothing', () => {
    expect(createOrder(q, { user_id: 999_999, product_id: 2, quantity: 1 }, NOW)).toMatchObject({
      ok: false,
      error: 'user-not-found',
    });
    expect(createOrder(q, { user_id: 1, product_id: 999_999, quantity: 1 }, NOW)).toMatchObject({
      ok: false,
      error: 'product-not-found',
    });
    const stock = getProduct(q, 3)!.stock;
    expect(createOrder(q, { user_id: 1, product_id: 3, quantity: stock + 1 }, NOW)).toMatchObject({
      ok: false,
      error: 'insufficient-stock',
    });
    expect(getProduct(q, 3)!.stock).toBe(stock);
  });

  it('records every statement with its time', () => {
    const start = q.count;
    listProducts(q, { sort: 'price' }, { mode: 'offset', limit: 1, offset: 0 });
    expect(q.count - start).toBe(2);
    expect(q.traces.at(-1)?.sql).toContain('COUNT(*)');
    expect(q.dbMs).toBeGreaterThan(0);
  });
});
