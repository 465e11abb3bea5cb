import fc from 'fast-check';

/**
 * Hostile input, as generators: the shapes the outside probe used (bad escapes, lone
 * surrogates, huge and odd numbers, wrong types, garbled cookies) mixed with plausible
 * values, so both the validation and the code behind it get exercised.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 25);

const nasty = fc.constantFrom(
  '%',
  '%E0%A4%A',
  '%ZZ',
  '%00',
  '%C0%AF',
  '..',
  '../..',
  '\u0000',
  '\ud800',
  '\udfff',
  '💥',
  ' ',
  '',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9007199254740993',
  '-0',
  '1.5',
  'null',
  'true',
  '[]',
  '{}',
  "'; DROP TABLE users; --",
  'a'.repeat(5000),
  '%2F',
  '%252F',
);

/** A path segment: sometimes encoded, sometimes raw (bad escapes included). */
export const segment = fc.oneof(
  nasty,
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.integer({ min: -5, max: 2_000_000 }).map(String),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replace(/[/?#]/g, '')),
);

/** Header values must be ByteStrings: printable Latin-1 only. */
const headerValue = fc.oneof(
  nasty.filter((s) => /^[\x20-\x7e]*$/.test(s)),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
);

export const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'page', 'cursor', 'sort', 'fields', 'category', 'id', 'path', 'q'),
        fc.string({ maxLength: 8 }),
      ),
      fc.oneof(segment, fc.string({ maxLength: 30 })),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&'));

export const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.object({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? '{}'),
  fc
    .string({ unit: 'binary', maxLength: 200 })
    .map((s) => JSON.stringify({ name: s, email: s, code: s, nickname: s, sql: s, token: s })),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    '"\\ud800"',
    '{"model":"virtual-users","users":400,"thinkTimeMs":0}',
    '{"items":[]}',
  ),
);

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/merge-patch+json',
  'multipart/form-data; boundary=x',
  '',
);

export const extraHeaders = fc.record(
  {
    'api-version': headerValue,
    'if-none-match': headerValue,
    'idempotency-key': headerValue,
    'x-client-id': headerValue,
    'content-length-lie': fc.constant('1'),
    cookie: fc.oneof(
      headerValue.map((v) => `scale_lab_token=${v}`),
      headerValue,
    ),
    authorization: fc.oneof(
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
    ),
    accept: headerValue,
  },
  { requiredKeys: [] },
);

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
export const method = fc.constantFrom(...METHODS);

/** Every error is problem+json; HEAD and 204/304 have no body to type. */
export function problemIfError(status: number, contentTypeHeader: string | null, m: string): boolean {
  if (status < 400 || m === 'HEAD') return true;
  return contentTypeHeader === 'application/problem+json';
}

/**
 * Never a 5xx, with one honest exception: a 503 that says when to come back (Retry-After),
 * such as "this build has no source snapshot" or "the server is full". A crash is a 500 and
 * carries no Retry-After.
 */
export function acceptableStatus(status: number, retryAfter: string | null): boolean {
  return status < 500 || (status === 503 && retryAfter !== null);
}
