import { z } from 'zod';
import { TOKEN_COOKIE } from '../../learners/identity';
import { shopRoutes } from '../pipeline';
import { PAGING_FIELDS } from '../list-modes';
import { TEXT_NUMBERS } from '../validate';
import { PROBLEMS, type ProblemType } from '../problem';
import { OPERATIONS, REQUEST_COMPONENTS, type OperationDoc } from './operations';
import { RESPONSE_COMPONENTS } from './response-schemas';
import type { Route } from '../router';
import { shopRoutesV2 } from '../v2/routes';
import {
  DEFAULT_HEADER_VERSION,
  UNVERSIONED_BASE,
  V1_DEPRECATED_AT,
  V1_SUNSET_AT,
  VERSION_BASES,
  VERSION_HEADER,
  type ApiVersion,
} from '../versions';
import { REQUEST_COMPONENTS_V2, RESPONSE_COMPONENTS_V2, V2_INFO_NOTE, v2Operation } from './v2';
import { COMMON_HEADERS, HEADERS, PROBLEM_HEADERS, ref } from './headers';
import type { JsonSchema, OpenApiDocument, Operation, Parameter, Response } from './types';

export type { JsonSchema, MediaType, OpenApiDocument, Operation, Parameter, Response } from './types';

/**
 * The OpenAPI 3.1 document of the Shop API, built at run time: operations from shopRoutes
 * (what the router really serves), request bodies and parameters from the zod schemas the
 * handlers validate with (z.toJSONSchema, input side), errors as problem+json. Nothing here
 * is a copy of a schema; see operations.ts for the words.
 */
const SCHEMA_REF = '#/components/schemas/';
const PROBLEM_JSON = 'application/problem+json';
const JSON_TYPE = 'application/json';

/**
 * Query values arrive as text; a route that turns text into a bounded integer (intParam) is
 * documented by the number it accepts, which is what a client needs to know.
 */
function overrideTextToNumber(ctx: { zodSchema: z.core.$ZodType; jsonSchema: Record<string, unknown> }) {
  const meant = TEXT_NUMBERS.get(ctx.zodSchema as z.ZodType);
  if (!meant) return;
  const number = clean(z.toJSONSchema(meant, { io: 'output' }) as JsonSchema);
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, number);
}

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return clean(z.toJSONSchema(schema, { io, unrepresentable: 'any', override: overrideTextToNumber }) as JsonSchema);
}

function componentSchemas(components: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${SCHEMA_REF}${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  return Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, clean(v)]));
}

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

// invalid-parameters for everyone: a malformed X-Client-Id header is one.
const ALWAYS: ProblemType[] = ['invalid-parameters', 'unauthorized', 'rate-limited', 'internal', 'lab-unavailable'];
const WITH_BODY: ProblemType[] = ['malformed-json', 'payload-too-large', 'unsupported-media-type', 'validation-failed'];

function problemsOf(method: string, pattern: string, op: OperationDoc): ProblemType[] {
  const set = new Set<ProblemType>(ALWAYS);
  if (pattern.includes('{')) set.add('not-found');
  if (method === 'POST' || method === 'PATCH') WITH_BODY.forEach((p) => set.add(p));
  op.problems?.forEach((p) => set.add(p));
  return [...set];
}

/**
 * One response per status, naming only the problem types this operation can answer with
 * (a GET's 400 is about parameters, a POST's also about its JSON), each with an example.
 */
function problemResponses(types: ProblemType[]): Record<string, Response> {
  const byStatus = new Map<number, ProblemType[]>();
  for (const t of types) byStatus.set(PROBLEMS[t].status, [...(byStatus.get(PROBLEMS[t].status) ?? []), t]);
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: list.map((t) => PROBLEMS[t].title).join('; '),
          headers: { ...COMMON_HEADERS, ...PROBLEM_HEADERS[status] },
          content: {
            [PROBLEM_JSON]: {
              schema: { $ref: `${SCHEMA_REF}Problem` },
              examples: Object.fromEntries(
                list.map((t) => [
                  t,
                  {
                    summary: PROBLEMS[t].title,
                    value: {
                      type: `/problems/${t}`,
                      title: PROBLEMS[t].title,
                      status,
                      detail: '…',
                      instance: '/api/v1/…',
                    },
                  },
                ]),
              ),
            },
          },
        },
      ]),
  );
}

function operationOf(method: string, pattern: string, op: OperationDoc, spec: VersionSpec): Operation {
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

export class UndocumentedRouteError extends Error {}

type PaginationMode = 'offset' | 'cursor' | 'unbounded';

/** What differs between the documents of the two API versions. */
type VersionSpec = {
  routes: Route[];
  operation: (op: OperationDoc) => OperationDoc;
  pagingModes: readonly PaginationMode[];
  requestComponents: Record<string, z.ZodType>;
  responseComponents: Record<string, z.ZodType>;
  deprecated: boolean;
  /** Headers every success response of this version carries. */
  headers: Record<string, { $ref: string }>;
};

const SPECS: Record<ApiVersion, VersionSpec> = {
  1: {
    routes: shopRoutes,
    operation: (op) => op,
    pagingModes: ['offset', 'cursor', 'unbounded'],
    requestComponents: REQUEST_COMPONENTS,
    responseComponents: RESPONSE_COMPONENTS,
    deprecated: true,
    headers: { Deprecation: ref('Deprecation'), Sunset: ref('Sunset') },
  },
  2: {
    routes: shopRoutesV2,
    operation: v2Operation,
    pagingModes: ['cursor'],
    requestComponents: { ...REQUEST_COMPONENTS, ...REQUEST_COMPONENTS_V2 },
    responseComponents: RESPONSE_COMPONENTS_V2,
    deprecated: false,
    headers: {},
  },
};

const VERSION_NOTE: Record<ApiVersion, string> = {
  1: `Version 1 is deprecated since ${V1_DEPRECATED_AT.toISOString().slice(0, 10)} and announced to end on ${V1_SUNSET_AT.toISOString().slice(0, 10)}: every response says so in Deprecation and Sunset headers and links to its successor under /api/v2. `,
  2: `${V2_INFO_NOTE} `,
};

export function buildOpenApiDocument(version: ApiVersion = 1): OpenApiDocument {
  const spec = SPECS[version];
  const paths: OpenApiDocument['paths'] = {};
  for (const route of spec.routes) {
    const op = OPERATIONS[`${route.method} ${route.pattern}`];
    // A served route without words must not vanish from the document: fail loudly (and in tests).
    if (!op)
      throw new UndocumentedRouteError(
        `${route.method} ${route.pattern} has no entry in lib/api/openapi/operations.ts`,
      );
    (paths[route.pattern] ??= {})[route.method.toLowerCase()] = operationOf(
      route.method,
      route.pattern,
      spec.operation(op),
      spec,
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Scale Lab Shop API',
      version: `${version}.0.0`,
      description:
        VERSION_NOTE[version] +
        "The demo shop every learner gets a private copy of. Each request runs through identify → rate limit → app cache → handler (SQL) → HTTP cache, every stage switched by your sandbox's knobs, and every response says what happened in Server-Timing and X-Cache. Errors are RFC 9457 problem details.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      { url: VERSION_BASES[version], description: 'This Scale Lab server; your learner token selects your sandbox' },
      {
        url: UNVERSIONED_BASE,
        description: `The same routes without a version in the URL: send ${VERSION_HEADER}: ${version}${version === DEFAULT_HEADER_VERSION ? ' (or nothing)' : ''}`,
      },
    ],
    tags: [
      { name: 'Products', description: 'The catalogue, and the costly product read the caching lesson caches' },
      { name: 'Users', description: 'Customers and their orders (the N+1 lesson)' },
      { name: 'Orders', description: 'A million orders in time order (the pagination and index lessons)' },
      { name: 'Jobs', description: 'Queued writes: the status monitor a 202 Accepted points to (the queues lesson)' },
    ],
    security: [{ learnerBearer: [] }, { learnerCookie: [] }],
    paths,
    components: {
      schemas: {
        ...componentSchemas(spec.requestComponents, 'input'),
        ...componentSchemas(spec.responseComponents, 'output'),
      },
      parameters: {
        ClientId: {
          name: 'X-Client-Id',
          in: 'header',
          required: false,
          description:
            'Who counts as one client for the rate limiter (default: you). 1-64 of letters, digits, ".", "_", ":" or "-".',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'draft-ietf-httpapi-idempotency-key-header: a unique value per logical request (a UUID); a retry with the same key and body cannot create a second order.',
          schema: { type: 'string', minLength: 1, maxLength: 257 },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'ETag from an earlier response: 304 if unchanged.',
          schema: { type: 'string' },
        },
      },
      headers: HEADERS,
      securitySchemes: {
        learnerBearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The token POST /api/lab/sandbox returns.',
        },
        learnerCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: TOKEN_COOKIE,
          description: 'Set by POST /api/lab/sandbox (a lesson page does this).',
        },
      },
    },
  };
}

const cached = new Map<ApiVersion, OpenApiDocument>();

/** Built once per process and version: the routes and schemas do not change while it runs. */
export function openApiDocument(version: ApiVersion = 1): OpenApiDocument {
  let doc = cached.get(version);
  if (!doc) cached.set(version, (doc = buildOpenApiDocument(version)));
  return doc;
}
