import type { OpenApiDocument } from './types';

/** The response headers the Shop API sends, documented once and referenced by name. */
export const HEADERS: OpenApiDocument['components']['headers'] = {
  ServerTiming: {
    description:
      'Where the time went: db (with the query count), cache (hit, miss, stale, coalesced) and total, in ms.',
    schema: { type: 'string' },
  },
  XCache: {
    description:
      'HIT when no database work was done for this response, MISS when it was, BYPASS with the app cache off.',
    schema: { type: 'string', enum: ['HIT', 'MISS', 'BYPASS'] },
  },
  RateLimit: {
    description:
      'Remaining quota and seconds to reset (draft-ietf-httpapi-ratelimit-headers), when the rate limit knob is on.',
    schema: { type: 'string' },
  },
  RateLimitPolicy: {
    description: 'The limit and window in force, when the rate limit knob is on.',
    schema: { type: 'string' },
  },
  RetryAfter: { description: 'Seconds to wait before sending again.', schema: { type: 'integer', minimum: 1 } },
  ETag: {
    description: 'Strong validator of the representation, when the HTTP cache knob is on.',
    schema: { type: 'string' },
  },
  CacheControl: {
    description: '"no-store" with the HTTP cache knob off; "private, max-age=N" with it on.',
    schema: { type: 'string' },
  },
  Link: {
    description:
      'RFC 8288 links: the next, previous, first and last pages of a list; on v1 also rel="successor-version" (the same resource in v2) and rel="deprecation" (the notice).',
    schema: { type: 'string' },
  },
  Deprecation: {
    description: 'RFC 9745: this version is deprecated, since the date given as @<seconds since the epoch>.',
    schema: { type: 'string', pattern: '^@-?[0-9]+$' },
  },
  Sunset: {
    description: 'RFC 8594: the HTTP-date after which this version may stop answering.',
    schema: { type: 'string' },
  },
  Location: {
    description: 'URL of the created resource (201), or of the job that will create it (202).',
    schema: { type: 'string' },
  },
  XServedBy: {
    description:
      'With the replica knob on: which copy of the database served this response. Writes always go to the primary.',
    schema: { type: 'string', enum: ['primary', 'replica'] },
  },
  XReplicaLagMs: {
    description:
      'With the replica knob on: how far behind the copy that served this response was, in ms (the age of the oldest write the replica had not replayed; 0 on the primary).',
    schema: { type: 'integer', minimum: 0 },
  },
  XReplicaRoute: {
    description: 'With the replica knob on: the routing rule that chose the copy.',
    schema: { type: 'string', enum: ['write', 'read', 'own-write-not-replicated', 'replica-not-ready'] },
  },
  XResultCap: {
    description: 'Unbounded pagination only: the most rows one response returns.',
    schema: { type: 'integer' },
  },
  XResultTruncated: {
    description: 'Unbounded pagination only: "true" when there were more rows than the cap.',
    schema: { type: 'string', enum: ['true', 'false'] },
  },
  WWWAuthenticate: { description: 'The Bearer challenge.', schema: { type: 'string' } },
};

export const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });
export const COMMON_HEADERS = {
  'Server-Timing': ref('ServerTiming'),
  'X-Cache': ref('XCache'),
  RateLimit: ref('RateLimit'),
  'RateLimit-Policy': ref('RateLimitPolicy'),
  'X-Served-By': ref('XServedBy'),
  'X-Replica-Lag-Ms': ref('XReplicaLagMs'),
  'X-Replica-Route': ref('XReplicaRoute'),
};

export const PROBLEM_HEADERS: Record<number, Record<string, { $ref: string }>> = {
  401: { 'WWW-Authenticate': ref('WWWAuthenticate') },
  429: { 'Retry-After': ref('RetryAfter') },
  503: { 'Retry-After': ref('RetryAfter') },
};
