import type { Db } from '../db/open';
import { QueryRecorder } from '../db/recorder';
import { getProduct, getProductStats, listProducts } from '../db/queries/products';
import { findUsersByEmail, getUser, listUserOrders } from '../db/queries/users';
import { createOrder, listOrders } from '../db/queries/orders';
import type { ListWindow } from '../db/queries/list';
import type { KnobSettings } from '../knobs/schema';
import { UNBOUNDED_CAP } from '../api/list-modes';
import type { ExplainEndpoint } from '../knobs/endpoints';

export { EXPLAIN_ENDPOINTS, type ExplainEndpoint } from '../knobs/endpoints';

export type PlanRow = { id: number; parent: number; detail: string };
export type ExplainedStatement = { sql: string; plan: PlanRow[] };

/**
 * Runs a handler's query functions without running their queries: each statement is sent
 * to SQLite as EXPLAIN QUERY PLAN instead, so the plan shown is the plan SQLite would use
 * for exactly the SQL the endpoint sends, on this sandbox, with its current indexes.
 */
class ExplainRecorder extends QueryRecorder {
  readonly statements: ExplainedStatement[] = [];

  private explain(sql: string, params: unknown[]) {
    const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as PlanRow[];
    this.statements.push({
      sql: sql.replace(/\s+/g, ' ').trim(),
      plan: plan.map(({ id, parent, detail }) => ({ id, parent, detail })),
    });
  }
  override all<T>(sql: string, ...params: unknown[]): T[] {
    this.explain(sql, params);
    return [];
  }
  override get<T>(sql: string, ...params: unknown[]): T | undefined {
    this.explain(sql, params);
    // A stand-in row lets write paths continue to their later statements.
    return {} as T;
  }
  override run(sql: string, ...params: unknown[]) {
    this.explain(sql, params);
    return { changes: 0, lastInsertRowid: 0 };
  }
  override transaction<T>(fn: () => T): T {
    return fn();
  }
}

function windowFor(settings: KnobSettings, direction: 'asc' | 'desc'): ListWindow {
  const mode = settings.pagination.mode;
  if (mode === 'cursor')
    return { mode: 'keyset', limit: 20, after: { createdAt: '2025-01-01T00:00:00.000Z', id: 1 }, direction };
  if (mode === 'unbounded') return { mode: 'all', cap: UNBOUNDED_CAP };
  return { mode: 'offset', limit: 20, offset: 0 };
}

export function explainEndpoint(db: Db, endpoint: ExplainEndpoint, settings: KnobSettings): ExplainedStatement[] {
  const q = new ExplainRecorder(db);
  const sample = db.prepare('SELECT email FROM users ORDER BY id LIMIT 1').get() as { email: string } | undefined;
  switch (endpoint) {
    case 'product-by-id':
      getProduct(q, 1);
      getProductStats(q, 1);
      break;
    case 'user-by-id':
      getUser(q, 1);
      break;
    case 'user-by-email':
      findUsersByEmail(q, sample?.email ?? 'someone@example.com');
      break;
    case 'user-orders':
      getUser(q, 1);
      listUserOrders(q, 1, windowFor(settings, 'desc'));
      break;
    case 'orders-by-date':
      listOrders(
        q,
        { since: '2024-06-01T00:00:00.000Z', until: '2024-06-02T00:00:00.000Z' },
        windowFor(settings, 'asc'),
      );
      break;
    case 'products-page':
      listProducts(q, { sort: 'created_at' }, windowFor(settings, 'asc'));
      break;
    case 'create-order':
      createOrder(q, { user_id: 1, product_id: 1, quantity: 1 }, '2026-01-01T00:00:00.000Z');
      break;
  }
  return q.statements;
}
