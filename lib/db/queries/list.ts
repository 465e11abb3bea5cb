import type { QueryRecorder } from '../recorder';

/**
 * One list query, three ways to cut it (the pagination knob):
 * - offset: LIMIT/OFFSET plus a COUNT(*) for the total (the database still walks every skipped row),
 * - keyset: WHERE (created_at, id) beyond the last row seen, which an index can seek to,
 * - all: every row, up to a safety cap (the mistake the course warns about).
 */
export type ListSpec = {
  table: 'products' | 'users' | 'orders';
  where: string[];
  args: unknown[];
  /** ORDER BY for offset and all modes (column names from a fixed list, never from a request). */
  orderBy: string;
};

export type KeysetKey = { createdAt: string; id: number };

export type ListWindow =
  | { mode: 'offset'; limit: number; offset: number }
  | { mode: 'keyset'; limit: number; after: KeysetKey | undefined; direction: 'asc' | 'desc' }
  | { mode: 'all'; cap: number };

export type ListResult<T> = { rows: T[]; total?: number; hasMore: boolean };

export function runList<T>(q: QueryRecorder, spec: ListSpec, w: ListWindow): ListResult<T> {
  const base = `SELECT * FROM ${spec.table}`;
  const where = (extra: string[] = []) => {
    const all = [...spec.where, ...extra];
    return all.length ? ` WHERE ${all.join(' AND ')}` : '';
  };
  if (w.mode === 'offset') {
    const rows = q.all<T>(
      `${base}${where()} ORDER BY ${spec.orderBy} LIMIT ? OFFSET ?`,
      ...spec.args,
      w.limit,
      w.offset,
    );
    const total = q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${spec.table}${where()}`, ...spec.args)?.n ?? 0;
    return { rows, total, hasMore: w.offset + rows.length < total };
  }
  if (w.mode === 'keyset') {
    const cmp = w.direction === 'asc' ? '>' : '<';
    const dir = w.direction === 'asc' ? 'ASC' : 'DESC';
    const after = w.after ? [`(created_at, id) ${cmp} (?, ?)`] : [];
    const afterArgs = w.after ? [w.after.createdAt, w.after.id] : [];
    const rows = q.all<T>(
      `${base}${where(after)} ORDER BY created_at ${dir}, id ${dir} LIMIT ?`,
      ...spec.args,
      ...afterArgs,
      w.limit + 1,
    );
    const hasMore = rows.length > w.limit;
    return { rows: hasMore ? rows.slice(0, w.limit) : rows, hasMore };
  }
  const rows = q.all<T>(`${base}${where()} ORDER BY ${spec.orderBy} LIMIT ?`, ...spec.args, w.cap + 1);
  const hasMore = rows.length > w.cap;
  return { rows: hasMore ? rows.slice(0, w.cap) : rows, hasMore };
}
