import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouter, pathSegments, type Route } from './router';
import { parseRequestQuery } from './validate';

const ok = () => ({ status: 200, headers: {}, body: null });
const routes: Route[] = [
  { method: 'GET', pattern: '/products', handler: ok },
  { method: 'GET', pattern: '/products/{id}', handler: ok },
  { method: 'PATCH', pattern: '/products/{id}', handler: ok },
];

describe('pathSegments', () => {
  it.each(['/', '', '/products', '/products/12', '//products//12/', '/a/b/c/', 'x/y'])(
    'splits %j as split("/").filter(Boolean) does',
    (path) => expect(pathSegments(path)).toEqual(path.split('/').filter(Boolean)),
  );
});

describe('createRouter', () => {
  const match = createRouter(routes);
  it('decodes %-escapes in parameters and keeps a broken escape as sent', () => {
    expect(match('GET', '/products/a%20b')).toMatchObject({ kind: 'match', params: { id: 'a b' } });
    expect(match('GET', '/products/%E0%A4%A')).toMatchObject({ kind: 'match', params: { id: '%E0%A4%A' } });
    expect(match('GET', '/products/12')).toMatchObject({ kind: 'match', params: { id: '12' } });
  });
  it('answers 405 with the allowed methods and 404 for unknown paths', () => {
    expect(match('DELETE', '/products/1')).toEqual({
      kind: 'method-not-allowed',
      allow: ['GET', 'HEAD', 'PATCH', 'OPTIONS'],
    });
    expect(match('GET', '/nope/1')).toEqual({ kind: 'not-found' });
  });
});

describe('parseRequestQuery', () => {
  const schema = z.strictObject({ fields: z.string().max(5).optional() });
  const req = (search: string) => ({ search, query: new URLSearchParams(search) });
  it('gives a remembered query the same answer as a fresh parse', () => {
    const first = parseRequestQuery(schema, req('?fields=id'), '/x');
    const again = parseRequestQuery(schema, req('?fields=id'), '/x');
    expect(first).toEqual({ ok: true, data: { fields: 'id' } });
    expect(again).toEqual(first);
    expect(parseRequestQuery(schema, req(''), '/x')).toEqual({ ok: true, data: {} });
  });
  it('never remembers an error: the same bad query is refused every time', () => {
    for (let i = 0; i < 2; i++) {
      const bad = parseRequestQuery(schema, req('?fields=toolong&fields=a'), '/x');
      expect(bad.ok).toBe(false);
      const unknown = parseRequestQuery(schema, req('?limt=5'), '/x');
      expect(unknown.ok).toBe(false);
    }
  });
});
