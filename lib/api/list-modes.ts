import { z } from 'zod';
import type { KeysetKey, ListResult, ListWindow } from '../db/queries/list';
import type { KnobSettings } from '../knobs/schema';
import { decodeCursor, encodeCursor, type CursorSort } from './cursor';
import { problem } from './problem';
import type { HandlerContext } from './router';
import type { ApiResponse } from './types';
import { intParam, parseQuery } from './validate';

/** The unbounded mode still stops here, so one request cannot exhaust the server. */
export const UNBOUNDED_CAP = 10_000;

type Mode = KnobSettings['pagination']['mode'];

export type OffsetPagination = { mode: 'offset'; page: number; limit: number; total: number; totalPages: number };
export type CursorPagination = { mode: 'cursor'; limit: number; nextCursor: string | null; hasMore: boolean };
export type UnboundedPagination = { mode: 'unbounded'; returned: number; cap: number; truncated: boolean };
export type Pagination = OffsetPagination | CursorPagination | UnboundedPagination;

/** The paging parameters each pagination mode accepts (the OpenAPI document lists them from here). */
export const PAGING_FIELDS = {
  offset: { page: intParam(1, 1_000_000, 1), limit: intParam(1, 100, 20) },
  cursor: { cursor: z.string().max(512, 'is too long to be a cursor').optional(), limit: intParam(1, 100, 20) },
  unbounded: {},
} satisfies Record<Mode, Record<string, z.ZodType>>;

const MODE_HINT: Record<Mode, string> = {
  offset: 'This API pages by offset: use page and limit.',
  cursor: 'This API pages by cursor (pagination knob): use limit, then the cursor from the previous page.',
  unbounded:
    'This API returns every row in one response (pagination knob: unbounded), so it takes no page, limit or cursor.',
};

const V2_HINT =
  'API v2 always pages by cursor: use limit, then the cursor from the previous page (page is a v1 parameter).';

type ListOk<F> = {
  ok: true;
  filters: F;
  window: ListWindow;
  /** Builds the body and headers of the list response for these rows. */
  respond: <T extends { created_at: string; id: number }>(
    result: ListResult<T>,
    project?: (row: T) => unknown,
  ) => ApiResponse;
};

export type ListSpec<S extends z.ZodRawShape> = {
  filters: S;
  keysetSort: (f: z.infer<z.ZodObject<S>>) => CursorSort | { error: string };
  /** One compiled schema per pagination mode: building zod schemas per request costs more than the query. */
  schemas: Record<Mode, z.ZodType>;
};

/** Declares a list endpoint once, at module load: its filters and its keyset order. */
export function defineList<S extends z.ZodRawShape>(filters: S, keysetSort: ListSpec<S>['keysetSort']): ListSpec<S> {
  const schemas: Record<Mode, z.ZodType> = {
    offset: z.strictObject({ ...filters, ...PAGING_FIELDS.offset }),
    cursor: z.strictObject({ ...filters, ...PAGING_FIELDS.cursor }),
    unbounded: z.strictObject({ ...filters, ...PAGING_FIELDS.unbounded }),
  };
  return { filters, keysetSort, schemas };
}

/**
 * Parses a list request under the sandbox's pagination mode and returns the window to query
 * and how to answer. `keysetSort` says which (created_at, id) order this list uses in cursor
 * mode, or why it cannot (for example sort=price).
 */
export function parseListRequest<S extends z.ZodRawShape>(
  ctx: HandlerContext,
  spec: ListSpec<S>,
  where: { scope: string; basePath: string },
): ListOk<z.infer<z.ZodObject<S>>> | { ok: false; response: ApiResponse } {
  const list = { ...where, keysetSort: spec.keysetSort };
  const mode = ctx.settings.pagination.mode;
  const parsed = parseQuery(spec.schemas[mode], ctx.req.query, ctx.instance);
  if (!parsed.ok) return withHint(parsed, ctx.version === 2 ? V2_HINT : MODE_HINT[mode]);
  const params = parsed.data as Record<string, unknown>;
  const filters = parsed.data as z.infer<z.ZodObject<S>>;
  const secret = Buffer.concat([ctx.cursorSecret, Buffer.from(`:${list.scope}`)]);

  if (mode === 'offset') {
    const page = params.page as number;
    const limit = params.limit as number;
    return {
      ok: true,
      filters,
      window: { mode: 'offset', limit, offset: (page - 1) * limit },
      respond: (result, project) => {
        const total = result.total ?? 0;
        const totalPages = Math.max(1, Math.ceil(total / limit));
        const link = (p: number, rel: string) =>
          `<${href(`${ctx.base}${list.basePath}`, ctx.req.query, { page: String(p), limit: String(limit) })}>; rel="${rel}"`;
        const links = [
          page < totalPages && link(page + 1, 'next'),
          page > 1 && link(Math.min(page - 1, totalPages), 'prev'),
          link(1, 'first'),
          link(totalPages, 'last'),
        ];
        return listBody(
          result.rows,
          project,
          { mode, page, limit, total, totalPages },
          links.filter(Boolean).join(', '),
        );
      },
    };
  }

  if (mode === 'cursor') {
    const sort = list.keysetSort(filters);
    if (typeof sort === 'object') {
      return {
        ok: false,
        response: problem('invalid-parameters', sort.error, {
          instance: ctx.instance,
          errors: [{ field: 'sort', in: 'query', detail: sort.error }],
        }),
      };
    }
    const limit = params.limit as number;
    let after: KeysetKey | undefined;
    if (typeof params.cursor === 'string') {
      const decoded = decodeCursor(params.cursor, secret, { sort });
      if (!decoded.ok) {
        const detail = `The cursor is not valid for this list (${decoded.reason.replace('_', ' ')}). Use the nextCursor or Link from the previous page, unchanged.`;
        return {
          ok: false,
          response: problem('invalid-parameters', detail, {
            instance: ctx.instance,
            errors: [{ field: 'cursor', in: 'query', detail: decoded.reason }],
          }),
        };
      }
      after = decoded.key;
    }
    return {
      ok: true,
      filters,
      window: { mode: 'keyset', limit, after, direction: sort === 'created_at' ? 'asc' : 'desc' },
      respond: (result, project) => {
        const last = result.rows.at(-1);
        const nextCursor =
          result.hasMore && last ? encodeCursor({ createdAt: last.created_at, id: last.id }, secret, { sort }) : null;
        const link = nextCursor
          ? `<${href(`${ctx.base}${list.basePath}`, ctx.req.query, { cursor: nextCursor, limit: String(limit) })}>; rel="next"`
          : '';
        return listBody(result.rows, project, { mode, limit, nextCursor, hasMore: result.hasMore }, link);
      },
    };
  }

  return {
    ok: true,
    filters,
    window: { mode: 'all', cap: UNBOUNDED_CAP },
    respond: (result, project) => {
      const res = listBody(
        result.rows,
        project,
        { mode, returned: result.rows.length, cap: UNBOUNDED_CAP, truncated: result.hasMore },
        '',
      );
      res.headers['x-result-cap'] = String(UNBOUNDED_CAP);
      res.headers['x-result-truncated'] = String(result.hasMore);
      return res;
    },
  };
}

function withHint(failed: { ok: false; response: ApiResponse }, hint: string) {
  const body = JSON.parse(failed.response.body ?? '{}') as { detail?: string };
  body.detail = `${body.detail ?? ''} ${hint}`.trim();
  return { ok: false as const, response: { ...failed.response, body: JSON.stringify(body) } };
}

function href(basePath: string, query: URLSearchParams, set: Record<string, string>): string {
  const q = new URLSearchParams(query);
  q.delete('page');
  q.delete('cursor');
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  return `${basePath}?${q.toString()}`;
}

function listBody<T>(
  rows: T[],
  project: ((row: T) => unknown) | undefined,
  pagination: Pagination,
  link: string,
): ApiResponse {
  const data = project ? rows.map(project) : rows;
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(link ? { link } : {}) },
    body: JSON.stringify({ data, pagination }),
  };
}
