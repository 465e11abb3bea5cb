import { TOKEN_COOKIE } from '../../learners/identity';
import { shopRoutes } from '../pipeline';
import { OPERATIONS, REQUEST_COMPONENTS } from './operations';
import { RESPONSE_COMPONENTS } from './response-schemas';
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
import { HEADERS, ref } from './headers';
import { operationOf, type VersionSpec } from './build-operation';
import { componentSchemas } from './json-schema';
import type { OpenApiDocument } from './types';

export type { JsonSchema, MediaType, OpenApiDocument, Operation, Parameter, Response } from './types';

/** A route the router serves but operations.ts has no words for. */
export class UndocumentedRouteError extends Error {}

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

/**
 * The OpenAPI 3.1 document of the Shop API, built at run time: operations from shopRoutes
 * (what the router really serves), request bodies and parameters from the zod schemas the
 * handlers validate with (z.toJSONSchema, input side), errors as problem+json. Nothing here
 * is a copy of a schema; see operations.ts for the words, build-operation.ts for one
 * operation, json-schema.ts for the zod side.
 */
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
          bearerFormat: 'JWT, or <key>~<JWT> behind nginx',
          description:
            'The token POST /api/lab/sandbox returns; send it whole. On several nodes behind nginx it starts with the affinity key nginx hashes on and a "~", so every call reaches the node holding the sandbox; the key is signed into the JWT (claim nk), and a token whose prefix is not that key is refused (401).',
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
