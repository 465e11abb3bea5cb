/**
 * Hand-written checks of a JSON answer's shape, for the few answers a page needs while it boots
 * (the sandbox claim, a query plan, progress). zod is the source of truth for every control-API
 * shape, but evaluating zod's module costs a phone ~130 ms of main thread (Lighthouse's boot-up
 * audit on a lesson page), so the answers read at boot are checked with this instead and zod loads
 * with the lab. Each check here mirrors one zod schema; boot-shapes.test.ts runs both on the same
 * good and malformed answers and requires the same verdict.
 *
 * Like zod's default objects, `obj` keeps only the keys it names. A mismatch throws a ShapeError
 * that says where: "statements[0].plan[1].id should be a number, got string".
 */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: unknown,
    /** Which answer (a URL), when the caller knows. */
    readonly source = '',
  ) {
    const kind = got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
    super(
      `${source ? `Unexpected answer from ${source}: ` : ''}${path || 'the answer'} should be ${expected}, got ${kind}`,
    );
    this.name = 'ShapeError';
  }
}

/** A check with zod's `parse` signature, so controlFetch takes either. */
export type Shape<T> = { parse: (value: unknown) => T; check: (value: unknown, path: string) => T };
type Out<S> = S extends Shape<infer T> ? T : never;

function shape<T>(check: (value: unknown, path: string) => T): Shape<T> {
  return { check, parse: (value) => check(value, '') };
}

const primitive = <T>(name: string, ok: (v: unknown) => v is T) =>
  shape<T>((v, path) => {
    if (!ok(v)) throw new ShapeError(path, name, v);
    return v;
  });

export const str = primitive('a string', (v): v is string => typeof v === 'string');
// Finite, as z.number() requires (JSON has no NaN or Infinity, but a check should not depend on that).
export const num = primitive('a number', (v): v is number => typeof v === 'number' && Number.isFinite(v));
export const bool = primitive('a boolean', (v): v is boolean => typeof v === 'boolean');

export const oneOf = <const T extends readonly string[]>(...values: T) =>
  primitive<T[number]>(`one of ${values.join(', ')}`, (v): v is T[number] => values.includes(v as string));

export const nullable = <T>(s: Shape<T>) => shape<T | null>((v, path) => (v === null ? null : s.check(v, path)));
export const optional = <T>(s: Shape<T>) =>
  shape<T | undefined>((v, path) => (v === undefined ? undefined : s.check(v, path)));

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const arr = <T>(s: Shape<T>) =>
  shape<T[]>((v, path) => {
    if (!Array.isArray(v)) throw new ShapeError(path, 'an array', v);
    return v.map((item, i) => s.check(item, join(path, i)));
  });

export const rec = <T>(s: Shape<T>) =>
  shape<Record<string, T>>((v, path) => {
    if (!isPlainObject(v)) throw new ShapeError(path, 'an object', v);
    const out: Record<string, T> = {};
    for (const [k, item] of Object.entries(v)) out[k] = s.check(item, join(path, k));
    return out;
  });

export const obj = <P extends Record<string, Shape<unknown>>>(props: P) =>
  shape<{ [K in keyof P]: Out<P[K]> }>((v, path) => {
    if (!isPlainObject(v)) throw new ShapeError(path, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(props)) {
      const item = s.check(v[k], join(path, k));
      // An absent optional key stays absent, as zod leaves it.
      if (item !== undefined || k in v) out[k] = item;
    }
    return out as { [K in keyof P]: Out<P[K]> };
  });
