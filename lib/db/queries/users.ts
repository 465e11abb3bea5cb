import type { QueryRecorder } from '../recorder';
import { runList, type ListResult, type ListWindow } from './list';
import type { OrderRow } from './orders';

export type UserRow = { id: number; email: string; name: string; country: string; created_at: string };

export function findUsersByEmail(q: QueryRecorder, email: string): UserRow[] {
  // Without idx_user_email this scans every user: the index lesson's first example.
  return q.all<UserRow>('SELECT * FROM users WHERE email = ? ORDER BY id', email);
}

export function listUsers(q: QueryRecorder, window: ListWindow): ListResult<UserRow> {
  return runList<UserRow>(q, { table: 'users', where: [], args: [], orderBy: 'created_at ASC, id ASC' }, window);
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
      u.email,
      u.name,
      u.country,
      now,
    );
    return { id: lastInsertRowid, ...u, created_at: now };
  });
}

export function listUserOrders(q: QueryRecorder, userId: number, window: ListWindow): ListResult<OrderRow> {
  // Without idx_order_user_id both the page and its COUNT(*) scan all orders.
  return runList<OrderRow>(
    q,
    { table: 'orders', where: ['user_id = ?'], args: [userId], orderBy: 'created_at DESC, id DESC' },
    window,
  );
}
