import type { QueryRecorder } from '../recorder';
import { runList, type ListResult, type ListSpec, type ListWindow } from './list';

export type ProductRow = {
  id: number;
  sku: string;
  name: string;
  category: string;
  price_cents: number;
  stock: number;
  created_at: string;
  updated_at: string;
};

export type ProductStats = { order_count: number; units_sold: number; revenue_cents: number };

export const PRODUCT_SORTS = {
  created_at: 'created_at ASC, id ASC',
  '-created_at': 'created_at DESC, id DESC',
  price: 'price_cents ASC, id ASC',
  '-price': 'price_cents DESC, id DESC',
} as const;

export type ProductSort = keyof typeof PRODUCT_SORTS;

export function listProducts(
  q: QueryRecorder,
  filter: { category?: string | undefined; sort: ProductSort },
  window: ListWindow,
): ListResult<ProductRow> {
  const spec: ListSpec = {
    table: 'products',
    where: filter.category ? ['category = ?'] : [],
    args: filter.category ? [filter.category] : [],
    orderBy: PRODUCT_SORTS[filter.sort],
  };
  return runList<ProductRow>(q, spec, window);
}

/** Products by id in one statement: the batch that replaces N+1 lookups. */
export function getProductsByIds(q: QueryRecorder, ids: number[]): Map<number, ProductRow> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = q.all<ProductRow>(`SELECT * FROM products WHERE id IN (${unique.map(() => '?').join(', ')})`, ...unique);
  return new Map(rows.map((r) => [r.id, r]));
}

export function getProduct(q: QueryRecorder, id: number): ProductRow | undefined {
  return q.get<ProductRow>('SELECT * FROM products WHERE id = ?', id);
}

/**
 * Sales stats aggregate every order of the product. There is no index on orders.product_id,
 * so this scans the orders table: deliberately the costly read the caching lesson caches.
 */
export function getProductStats(q: QueryRecorder, id: number): ProductStats {
  const row = q.get<ProductStats>(
    `SELECT COUNT(*) AS order_count, COALESCE(SUM(quantity), 0) AS units_sold, COALESCE(SUM(total_cents), 0) AS revenue_cents
       FROM orders WHERE product_id = ? AND status != 'cancelled'`,
    id,
  );
  return row ?? { order_count: 0, units_sold: 0, revenue_cents: 0 };
}

export type NewProduct = Pick<ProductRow, 'sku' | 'name' | 'category' | 'price_cents' | 'stock'>;

export function insertProduct(q: QueryRecorder, p: NewProduct, now: string): ProductRow {
  const { lastInsertRowid } = q.run(
    'INSERT INTO products (sku, name, category, price_cents, stock, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    p.sku,
    p.name,
    p.category,
    p.price_cents,
    p.stock,
    now,
    now,
  );
  return { id: lastInsertRowid, ...p, created_at: now, updated_at: now };
}

export function updateProduct(
  q: QueryRecorder,
  id: number,
  patch: Partial<NewProduct>,
  now: string,
): ProductRow | undefined {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  // Column names come from the validated schema's keys, never from the request text itself.
  const sets = entries
    .map(([k]) => `${k} = ?`)
    .concat('updated_at = ?')
    .join(', ');
  const { changes } = q.run(`UPDATE products SET ${sets} WHERE id = ?`, ...entries.map(([, v]) => v), now, id);
  return changes === 0 ? undefined : getProduct(q, id);
}

export type DeleteProductResult = 'deleted' | 'not-found' | 'has-orders';

/** A product that has been ordered is part of order history and cannot be removed. */
export function deleteProduct(q: QueryRecorder, id: number): DeleteProductResult {
  return q.transaction(() => {
    if (!getProduct(q, id)) return 'not-found';
    if (q.get('SELECT 1 FROM orders WHERE product_id = ? LIMIT 1', id)) return 'has-orders';
    q.run('DELETE FROM products WHERE id = ?', id);
    return 'deleted';
  });
}
