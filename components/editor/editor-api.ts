import { parseServerTiming } from '@/lib/api/server-timing';
import type { ParsedRequest } from '@/lib/scratchpad/http-file';
import { sourceListSchema, sourceTextSchema } from '@/lib/source-view/sources-schema';
import { sqlConsoleResultSchema, sqlProblemSchema, type SqlConsoleResult, type SqlProblem } from '@/lib/sql-console/schema';
import type { ApiExchange } from '@/components/lab/api-client';

/** A refused, failed or stopped console statement, with the server's problem details. */
export class SqlConsoleError extends Error {
  constructor(readonly problem: SqlProblem & { retryAfter?: number }) {
    super(problem.detail);
  }
}

export async function runSql(sql: string, page = 1): Promise<SqlConsoleResult> {
  const res = await fetch('/api/lab/sql', {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sql, page }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return sqlConsoleResultSchema.parse(body);
  const parsed = sqlProblemSchema.safeParse(body);
  const retryAfter = Number(res.headers.get('retry-after')) || undefined;
  throw new SqlConsoleError(parsed.success
    ? { ...parsed.data, retryAfter }
    : { status: res.status, title: `The console answered ${res.status}`, detail: 'The server gave no details.', retryAfter });
}

async function getJson<T>(url: string, schema: { parse: (v: unknown) => T }): Promise<T> {
  const res = await fetch(url, { credentials: 'same-origin' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error((body as { detail?: string } | null)?.detail ?? `${url} answered ${res.status}`);
  return schema.parse(body);
}

export const fetchSourceList = () => getJson('/api/lab/source', sourceListSchema);
export const fetchSource = (path: string) => getJson(`/api/lab/source?path=${encodeURIComponent(path)}`, sourceTextSchema);

/** Sends one scratchpad request to the learner's own API; the browser adds their cookie. */
export async function sendScratchpadRequest(request: ParsedRequest): Promise<ApiExchange> {
  const t0 = performance.now();
  const base = request.base ?? '/api/v1';
  const res = await fetch(`${base}${request.path}`, {
    method: request.method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: request.headers,
    body: request.body ?? undefined,
  });
  const text = await res.text();
  const clientMs = performance.now() - t0;
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return {
    method: request.method, path: request.path, base, status: res.status, clientMs, headers,
    timing: parseServerTiming(res.headers.get('server-timing')),
    body: text, bytes: new TextEncoder().encode(text).length,
  };
}
