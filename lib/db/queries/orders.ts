import type { QueryRecorder } from '../recorder';
import type { ProductRow } from './products';
import { runList, type ListResult, type ListWindow } from './list';

export type OrderRow = {
  id: number;
  user_id: number;
  product_id: number;
  quantity: number;
  total_cents: number;
  status: string;
  created_at: string;
};

export function listOrders(
  q: QueryRecorder,
  filter: { since?: string | undefined; until?: string | undefined },
  window: ListWindow,
): ListResult<OrderRow> {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.since) {
    where.push('created_at >= ?');
    args.push(filter.since);
  }
  if (filter.until) {
    where.push('created_at < ?');
    args.push(filter.until);
  }
  return runList<OrderRow>(q, { table: 'orders', where, args, orderBy: 'created_at ASC, id ASC' }, window);
}

export function getOrder(q: QueryRecorder, id: number): OrderRow | undefined {
  return q.get<OrderRow>('SELECT * FROM orders WHERE id = ?', id);
}

export type NewOrder = { user_id: number; product_id: number; quantity: number };
export type CreateOrderResult =
  | { ok: true; order: OrderRow }
  | { ok: false; error: 'user-not-found' | 'product-not-found' | 'insufficient-stock'; product?: ProductRow };

/** Check, reserve stock and insert in one transaction, so two orders cannot oversell. */
export function createOrder(q: QueryRecorder, o: NewOrder, now: string): CreateOrderResult {
  return q.transaction((): CreateOrderResult => {
    if (!q.get('SELECT 1 FROM users WHERE id = ?', o.user_id)) return { ok: false, error: 'user-not-found' };
    const product = q.get<ProductRow>('SELECT * FROM products WHERE id = ?', o.product_id);
    if (!product) return { ok: false, error: 'product-not-found' };
    if (product.stock < o.quantity) return { ok: false, error: 'insufficient-stock', product };
    q.run('UPDATE products SET stock = stock - ?, updated_at = ? WHERE id = ?', o.quantity, now, o.product_id);
    const total = product.price_cents * o.quantity;
    const { lastInsertRowid } = q.run(
      'INSERT INTO orders (user_id, product_id, quantity, total_cents, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      o.user_id,
      o.product_id,
      o.quantity,
      total,
      'pending',
      now,
    );
    return { ok: true, order: { id: lastInsertRowid, ...o, total_cents: total, status: 'pending', created_at: now } };
  });
}
