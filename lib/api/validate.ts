import { z } from 'zod';
import { problem, type FieldError } from './problem';
import type { ApiRequest, ApiResponse } from './types';

type Parsed<T> = { ok: true; data: T } | { ok: false; response: ApiResponse };

function fieldErrors(error: z.ZodError, where: FieldError['in']): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(withPointer({ field: key, in: where, detail: `Unknown field "${key}"` }));
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(root)';
    out.push(withPointer({ field, in: where, detail: issue.message }));
  }
  return out;
}

function withPointer(e: FieldError): FieldError {
  return e.in === 'body' && e.field !== '(root)' ? { ...e, pointer: `#/${e.field.replaceAll('.', '/')}` } : e;
}

/**
 * Query strings are validated strictly: an unknown or repeated parameter is an error that
 * names it, because `?limt=5` silently returning 20 rows is how API bugs hide.
 */
export function parseQuery<T>(schema: z.ZodType<T>, query: URLSearchParams, instance: string): Parsed<T> {
  const raw: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of query) {
    if (key in raw) errors.push({ field: key, in: 'query', detail: `"${key}" was given more than once` });
    raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (!result.success) errors.push(...fieldErrors(result.error, 'query'));
  if (errors.length || !result.success) {
    const names = [...new Set(errors.map((e) => e.field))].join(', ');
    return {
      ok: false,
      response: problem('invalid-parameters', `Check these query parameters: ${names}.`, { instance, errors }),
    };
  }
  return { ok: true, data: result.data };
}

// Valid query strings already parsed, per schema: clients repeat the same few (`?fields=...`, none).
const parsedQueries = new WeakMap<z.ZodType, Map<string, { ok: true; data: unknown }>>();
const MAX_REMEMBERED_QUERIES = 256;
const MAX_REMEMBERED_QUERY_LENGTH = 1024;
let last: { schema: z.ZodType; search: string; ok: { ok: true; data: unknown } } | null = null;

/**
 * parseQuery for a request, remembering valid answers by the raw query string: a repeated
 * query skips URLSearchParams and zod. Only for schemas without defaults that change between
 * calls; the data is frozen because requests share it. Errors are never remembered.
 */
export function parseRequestQuery<T>(
  schema: z.ZodType<T>,
  req: Pick<ApiRequest, 'query' | 'search'>,
  instance: string,
): Parsed<T> {
  const { search } = req;
  if (search === undefined || search.length > MAX_REMEMBERED_QUERY_LENGTH)
    return parseQuery(schema, req.query, instance);
  // The last query of this schema, compared first: a load run repeats one query string, and
  // comparing it costs less than hashing a fresh copy of it for the map (~75 characters on
  // a product lookup with ?fields=).
  if (last !== null && last.schema === schema && last.search === search) return last.ok as Parsed<T>;
  let remembered = parsedQueries.get(schema);
  const known = remembered?.get(search);
  if (known) {
    last = { schema, search, ok: known };
    return known as Parsed<T>;
  }
  const parsed = parseQuery(schema, req.query, instance);
  if (!parsed.ok) return parsed;
  const ok = { ok: true as const, data: Object.freeze(parsed.data) };
  if (!remembered) parsedQueries.set(schema, (remembered = new Map()));
  if (remembered.size < MAX_REMEMBERED_QUERIES) remembered.set(search, ok);
  last = { schema, search, ok };
  return ok;
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown, instance: string): Parsed<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, data: result.data };
  const errors = fieldErrors(result.error, 'body');
  const names = [...new Set(errors.map((e) => e.field))].join(', ');
  return {
    ok: false,
    response: problem('validation-failed', `Fix these fields and send again: ${names}.`, { instance, errors }),
  };
}

const ID = /^[1-9][0-9]{0,15}$/;

/** Path ids are positive integers; anything else is a client error that names the parameter. */
export function parseId(raw: string, name: string, instance: string): Parsed<number> {
  if (!ID.test(raw) || !Number.isSafeInteger(Number(raw))) {
    return {
      ok: false,
      response: problem('invalid-parameters', `"${name}" must be a positive integer, got "${raw}".`, {
        instance,
        errors: [{ field: name, in: 'path', detail: 'must be a positive integer' }],
      }),
    };
  }
  return { ok: true, data: Number(raw) };
}

/**
 * Query values that arrive as text and mean a number (intParam), with the number they mean:
 * the OpenAPI document describes the number, which is what a client needs to know.
 */
export const TEXT_NUMBERS = new WeakMap<z.ZodType, z.ZodType>();

/** Integer query parameter as text, with a range, and a message a person can act on. */
export function intParam(min: number, max: number, fallback: number) {
  const number = z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
  const text = z
    .string()
    .regex(/^-?[0-9]+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(number);
  TEXT_NUMBERS.set(text, number);
  return text.optional().transform((v) => v ?? fallback);
}
