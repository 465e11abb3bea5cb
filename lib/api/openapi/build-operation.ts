import type { z } from 'zod';
import { PAGING_FIELDS } from '../list-modes';
import type { Route } from '../router';
import { COMMON_HEADERS, ref } from './headers';
import { SCHEMA_REF, toJson } from './json-schema';
import type { OperationDoc } from './operations';
import { problemResponses, problemsOf } from './problem-responses';
import type { Operation, Parameter, Response } from './types';

const JSON_TYPE = 'application/json';

export type PaginationMode = 'offset' | 'cursor' | 'unbounded';

/** What differs between the documents of the two API versions. */
export type VersionSpec = {
  routes: Route[];
  operation: (op: OperationDoc) => OperationDoc;
  pagingModes: readonly PaginationMode[];
  requestComponents: Record<string, z.ZodType>;
  responseComponents: Record<string, z.ZodType>;
  deprecated: boolean;
  /** Headers every success response of this version carries. */
  headers: Record<string, { $ref: string }>;
};

function queryParameter(name: string, schema: z.ZodType, modes?: string[]): Parameter {
  const { description, ...json } = toJson(schema, 'input');
  // The fallback a route fills in (a zod default, or intParam's) is what an absent parameter means.
  const absent = schema.safeParse(undefined);
  if (absent.success && absent.data !== undefined && json.default === undefined) json.default = absent.data;
  return {
    name,
    in: 'query',
    required: !absent.success,
    schema: json,
    ...(description ? { description } : {}),
    ...(modes ? { 'x-pagination-modes': modes } : {}),
  };
}

const PAGING_WORDS: Record<string, string> = {
  page: 'Page number, from 1 (offset pagination only).',
  limit: 'Items per page (offset and cursor pagination).',
  cursor:
    'Opaque cursor: nextCursor (or the Link rel="next") from the previous page, unchanged (cursor pagination only).',
};

/** page/limit/cursor as the routes really accept them, per pagination mode (from list-modes.ts). */
function pagingParameters(modes: readonly PaginationMode[]): Parameter[] {
  const byName = new Map<string, { schema: z.ZodType; modes: string[] }>();
  for (const mode of modes) {
    for (const [name, schema] of Object.entries(PAGING_FIELDS[mode])) {
      const seen = byName.get(name);
      if (seen) seen.modes.push(mode);
      else byName.set(name, { schema, modes: [mode] });
    }
  }
  // With one mode (v2: cursor) there is nothing to tell apart.
  return [...byName].map(([name, { schema, modes: in_ }]) => ({
    ...queryParameter(name, schema, modes.length > 1 ? in_ : undefined),
    description:
      modes.length > 1
        ? (PAGING_WORDS[name] ?? `Accepted in ${in_.join(', ')} pagination.`)
        : (PAGING_WORDS[name] ?? '').replace(/ \((offset and )?cursor pagination( only)?\)/, ''),
  }));
}

/** One route's operation: parameters from its zod schemas, its success, 304 and problem responses. */
export function operationOf(method: string, pattern: string, op: OperationDoc, spec: VersionSpec): Operation {
  const pathParams: Parameter[] = [...pattern.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1] ?? '',
    in: 'path',
    required: true,
    description: 'Positive integer id',
    schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  }));
  const query = Object.entries(op.query ?? {}).map(([name, schema]) => queryParameter(name, schema as z.ZodType));
  const parameters: Operation['parameters'] = [
    ...pathParams,
    ...query,
    ...(op.list ? pagingParameters(spec.pagingModes) : []),
    { $ref: '#/components/parameters/ClientId' },
    ...(op.headers ?? []).map((h) => ({ $ref: `#/components/parameters/${h}` })),
    ...(method === 'GET' ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
  ];
  const successHeaders: Record<string, { $ref: string }> = { ...COMMON_HEADERS, ...spec.headers };
  if (method === 'GET') Object.assign(successHeaders, { 'Cache-Control': ref('CacheControl'), ETag: ref('ETag') });
  if (op.list || spec.deprecated) Object.assign(successHeaders, { Link: ref('Link') });
  if (op.list && spec.pagingModes.includes('unbounded'))
    Object.assign(successHeaders, { 'X-Result-Cap': ref('XResultCap'), 'X-Result-Truncated': ref('XResultTruncated') });
  if (op.success.status === 201) successHeaders.Location = ref('Location');
  const success: Response = {
    description: op.success.description,
    headers: successHeaders,
    ...(op.success.schema
      ? { content: { [JSON_TYPE]: { schema: { $ref: `${SCHEMA_REF}${op.success.schema}` } } } }
      : {}),
  };
  const responses: Operation['responses'] = { [String(op.success.status)]: success };
  if (op.accepted) {
    responses['202'] = {
      description: op.accepted.description,
      headers: { ...COMMON_HEADERS, Location: ref('Location'), 'Retry-After': ref('RetryAfter') },
      content: { [JSON_TYPE]: { schema: { $ref: `${SCHEMA_REF}${op.accepted.schema}` } } },
    };
  }
  if (method === 'GET') {
    responses['304'] = {
      description: 'Not Modified: If-None-Match matched the current ETag (HTTP cache knob on). No body.',
      headers: { ETag: ref('ETag'), 'Cache-Control': ref('CacheControl'), ...COMMON_HEADERS },
    };
  }
  Object.assign(responses, problemResponses(problemsOf(method, pattern, op)));
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    parameters,
    ...(op.body
      ? {
          requestBody: {
            required: true as const,
            content: { [JSON_TYPE]: { schema: { $ref: `${SCHEMA_REF}${op.body}` } } },
          },
        }
      : {}),
    responses,
    ...(spec.deprecated ? { deprecated: true } : {}),
    ...(op.knobs?.length ? { 'x-knobs': op.knobs } : {}),
  };
}
