import { describe, expect, it } from 'vitest';
import { parseFields, project } from './fields';

const allowed = ['id', 'name', 'price_cents'] as const;

describe('field selection', () => {
  it('no fields parameter means the whole representation', () => {
    expect(parseFields(undefined, allowed, '/x')).toEqual({ ok: true, fields: null });
    expect(project({ id: 1, name: 'a' }, null)).toEqual({ id: 1, name: 'a' });
  });

  it('keeps only the named fields, trimmed and de-duplicated', () => {
    const parsed = parseFields(' id, name,id ', allowed, '/x');
    expect(parsed).toEqual({ ok: true, fields: ['id', 'name'] });
    expect(project({ id: 1, name: 'a', price_cents: 5 }, ['id', 'name'])).toEqual({ id: 1, name: 'a' });
  });

  it('names every unknown field in a 400', () => {
    const parsed = parseFields('id,colour,size', allowed, '/x');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.response.status).toBe(400);
      expect(JSON.parse(parsed.response.body ?? '{}').detail).toContain('"colour", "size"');
    }
    expect(parseFields(',', allowed, '/x').ok).toBe(false);
  });

  it('copies the fields asked for, in the order asked', () => {
    const row = { id: 1, name: 'a', price_cents: 5 };
    expect(project(row, ['id', 'name', 'price_cents'])).toEqual(row);
    const reordered = project(row, ['name', 'id', 'price_cents']);
    expect(reordered).not.toBe(row);
    expect(JSON.stringify(reordered)).toBe('{"name":"a","id":1,"price_cents":5}');
    expect(project(row, ['id', 'name'])).toEqual({ id: 1, name: 'a' });
    expect(project(row, ['id', 'name', 'price_cents', 'stats'])).toEqual(row);
  });
});
