import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, type JsonSchema } from '@/lib/api/openapi/document';
import { resolveRef } from '@/lib/api/openapi/resolve-ref';
import { productCreate, userCreate } from '@/lib/api/schemas';
import { constraints, exampleOf, typeLabel } from './schema-text';

describe('schema in words', () => {
  it('names types, references, nullables and arrays', () => {
    expect(typeLabel({ $ref: '#/components/schemas/Product' })).toBe('Product');
    expect(typeLabel({ anyOf: [{ $ref: '#/components/schemas/Product' }, { type: 'null' }] })).toBe('Product or null');
    expect(typeLabel({ type: 'array', items: { $ref: '#/components/schemas/Order' } })).toBe('array of Order');
    expect(typeLabel({ type: 'string', format: 'date-time' })).toBe('string (date-time)');
    expect(typeLabel({ const: 'product' })).toBe('"product"');
  });

  it('says the limits a person needs', () => {
    expect(constraints({ type: 'integer', minimum: 1, maximum: 100 })).toEqual(['1–100']);
    expect(constraints({ type: 'integer', exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER })).toEqual(['≥ 1']);
    expect(constraints({ type: 'string', minLength: 1, maxLength: 40 })).toEqual(['1–40 chars']);
    expect(constraints({ type: 'string', enum: ['a', 'b'] })).toEqual(['one of: a, b']);
  });

  it('builds request examples the API schemas accept', () => {
    const doc = buildOpenApiDocument();
    const resolve = (ref: string) => resolveRef(doc, ref) as JsonSchema | undefined;
    expect(productCreate.safeParse(exampleOf({ $ref: '#/components/schemas/ProductCreate' }, resolve)).success).toBe(
      true,
    );
    expect(userCreate.safeParse(exampleOf({ $ref: '#/components/schemas/UserCreate' }, resolve)).success).toBe(true);
  });
});
