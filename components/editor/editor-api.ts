import { controlFetch, ProblemError, sendJson } from '@/lib/client/control-client';
import type { ParsedRequest } from '@/lib/scratchpad/http-file';
import { sourceListSchema, sourceTextSchema } from '@/lib/source-view/sources-schema';
import {
  sqlConsoleResultSchema,
  sqlProblemSchema,
  type SqlConsoleResult,
  type SqlProblem,
} from '@/lib/sql-console/schema';
import { sendExchange, type ApiExchange } from '@/components/lab/api-client';

export const runSql = (sql: string, page = 1): Promise<SqlConsoleResult> =>
  controlFetch('/api/lab/sql', sqlConsoleResultSchema, sendJson('POST', { sql, page }));

/** The console's own problem members (why it refused, its time limit), when the server sent them. */
export function sqlProblemOf(error: unknown): Pick<SqlProblem, 'sqlError' | 'limitMs'> | null {
  if (!(error instanceof ProblemError)) return null;
  const parsed = sqlProblemSchema.partial().safeParse(error.body);
  return parsed.success ? { sqlError: parsed.data.sqlError, limitMs: parsed.data.limitMs } : null;
}

export const fetchSourceList = () => controlFetch('/api/lab/source', sourceListSchema);
export const fetchSource = (path: string) =>
  controlFetch(`/api/lab/source?path=${encodeURIComponent(path)}`, sourceTextSchema);

/** Sends one scratchpad request to the learner's own API; the browser adds their cookie. */
export const sendScratchpadRequest = (request: ParsedRequest): Promise<ApiExchange> =>
  sendExchange({
    method: request.method,
    path: request.path,
    base: request.base,
    headers: request.headers,
    body: request.body ?? undefined,
  });
