import type { QueryRecorder } from '../recorder';
import type { Page } from './products';
import type { OrderRow } from './orders';

export type UserRow = { id: number; email: string; name: string; country: string; created_at: string };

export function findUsersByEmail(q: QueryRecorder, email: string): UserRow[] {
  // Without idx_user_email this scans every user: the index lesson's first example.
  return q.all<UserRow>('SELECT * FROM users WHERE email = ? ORDER BY id', email);
}

export function listUsers(q: QueryRecorder, page: Page): { rows: UserRow[]; total: number } {
  const rows = q.all<UserRow>('SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?', page.limit, page.offset);
  const total = q.get<{ n: number }>('SELECT COUNT(*) AS n FROM users')?.n ?? 0;
  return { rows, total };
}

export function getUser(q: QueryRecorder, id: number): UserRow | undefined {
  return q.get<UserRow>('SELECT * FROM users WHERE id = ?', id);
}

export type NewUser = Pick<UserRow, 'email' | 'name' | 'country'>;

/** Email is unique by rule, not by constraint (a UNIQUE constraint would add a hidden index). */
export function insertUser(q: QueryRecorder, u: NewUser, now: string): UserRow | 'duplicate-email' {
  return q.transaction(() => {
    if (q.get('SELECT 1 FROM users WHERE email = ? LIMIT 1', u.email)) return 'duplicate-email' as const;
    const { lastInsertRowid } = q.run(
      'INSERT INTO users (email, name, country, created_at) VALUES (?, ?, ?, ?)',
      u.email, u.name, u.country, now,
    );
    return { id: lastInsertRowid, ...u, created_at: now };
  });
}

export function listUserOrders(q: QueryRecorder, userId: number, page: Page): { rows: OrderRow[]; total: number } {
  // Without idx_order_user_id both statements scan all orders.
  const rows = q.all<OrderRow>(
    'SELECT * FROM orders WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
    userId, page.limit, page.offset,
  );
  const total = q.get<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE user_id = ?', userId)?.n ?? 0;
  return { rows, total };
}
