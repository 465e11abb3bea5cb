import { z } from 'zod';
import { MAX_SQL_LENGTH } from './guard';

/**
 * POST /api/lab/sql: request and response, one definition for the route handler, the
 * runner process and the browser (which parses answers with these same schemas).
 */
export const SQL_LIMITS = {
  /** A query is stopped (its process killed) after this long; SCALE_LAB_SQL_TIMEOUT_MS overrides it. */
  timeoutMs: 2_000,
  /** Index builds get longer: CREATE INDEX on a million orders takes seconds, and it is what the lesson is about. */
  indexTimeoutMs: 30_000,
  maxRows: 1_000,
  maxBytes: 1_000_000,
  pageSize: 50,
} as const;

export const sqlRequestSchema = z.strictObject({
  sql: z.string().max(MAX_SQL_LENGTH, `must be at most ${MAX_SQL_LENGTH} characters`),
  page: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(SQL_LIMITS.maxRows / SQL_LIMITS.pageSize, `must be at most ${SQL_LIMITS.maxRows / SQL_LIMITS.pageSize}`)
    .default(1),
});
export type SqlRequest = z.infer<typeof sqlRequestSchema>;

export const sqlIndexChangeSchema = z.object({
  name: z.string(),
  table: z.string(),
  action: z.enum(['created', 'dropped', 'unchanged']),
  /** A created index's definition as SQLite stored it (its CREATE statement, normalized). */
  sql: z.string().optional(),
});
export type SqlIndexChange = z.infer<typeof sqlIndexChangeSchema>;

export const sqlConsoleResultSchema = z.object({
  kind: z.enum(['select', 'explain', 'index']),
  columns: z.array(z.string()),
  /** Only the requested page of rows; rowCount counts every row up to the caps. */
  rows: z.array(z.array(z.unknown())),
  rowCount: z.number().int(),
  /** True when the row or byte cap stopped the query before its last row. */
  truncated: z.boolean(),
  /** Time SQLite spent on the statement, in the runner process. */
  ms: z.number(),
  page: z.number().int(),
  pageSize: z.number().int(),
  index: sqlIndexChangeSchema.optional(),
});
export type SqlConsoleResult = z.infer<typeof sqlConsoleResultSchema>;

/** The problem+json body of a refused, failed or stopped statement (extension members of RFC 9457). */
export const sqlProblemSchema = z.object({
  status: z.number(),
  title: z.string(),
  detail: z.string(),
  sqlError: z.enum(['refused', 'sqlite', 'timeout', 'busy', 'missing']).optional(),
  limitMs: z.number().optional(),
});
export type SqlProblem = z.infer<typeof sqlProblemSchema>;
