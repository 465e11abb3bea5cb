import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { shopRoutesV2 } from '@/lib/api/v2/routes';
import { openApiErrors } from './helpers/openapi-validate';
import type { OpenApiDocument } from '@/lib/api/openapi/document';
import { RESPONSE_COMPONENTS_V2 } from '@/lib/api/openapi/v2';

/** The v2 document: valid, exactly the v2 routes, and in step with what v2 answers; v1's says it is deprecated. */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let auth: Record<string, string>;
let v1: OpenApiDocument;
let v2: OpenApiDocument;

beforeAll(async () => {
  lab = await startTestLab('q');
  auth = await lab.claim();
  const route = await import('@/app/api/openapi.json/route');
  v1 = await route.GET(new Request('http://localhost/api/openapi.json')).json();
  v2 = await route.GET(new Request('http://localhost/api/openapi.json?version=2')).json();
  expect(route.GET(new Request('http://localhost/api/openapi.json?version=3')).status).toBe(400);
});
afterAll(() => lab.stop());

const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

describe('OpenAPI document of v2', () => {
  it('is valid OpenAPI 3.1 and documents exactly the routes v2 serves', async () => {
    expect(await openApiErrors(v2)).toEqual([]);
    expect(v2.info.version).toBe('2.0.0');
    expect(v2.servers.map((s) => s.url)).toEqual(['/api/v2', '/api/shop']);
    const served = shopRoutesV2.map((r) => `${r.method} ${r.pattern}`).sort();
    expect(
      operations(v2)
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual(served);
  });

  it('v1 operations are marked deprecated and document Deprecation and Sunset; v2 ones are not', () => {
    expect(operations(v1).every((o) => o.op.deprecated === true)).toBe(true);
    expect(operations(v2).some((o) => o.op.deprecated)).toBe(false);
    const ok = v1.paths['/products/{id}']?.get?.responses['200'] as { headers: Record<string, unknown> };
    expect(Object.keys(ok.headers)).toEqual(expect.arrayContaining(['Deprecation', 'Sunset', 'Link']));
  });

  it('documents money objects, price in request bodies, and cursor-only paging', () => {
    const product = v2.components.schemas.Product;
    expect(product?.properties?.price).toEqual({ $ref: '#/components/schemas/Money' });
    expect(product?.properties?.price_cents).toBeUndefined();
    expect(v2.components.schemas.ProductCreate?.required).toEqual(['sku', 'name', 'category', 'price']);
    const list = v2.paths['/products']?.get;
    const names = list?.parameters.filter((p) => 'name' in p).map((p) => (p as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['cursor', 'limit', 'sort', 'fields']));
    expect(names).not.toContain('page');
    const sort = list?.parameters.find((p) => 'name' in p && p.name === 'sort') as { schema: { enum: string[] } };
    expect(sort.schema.enum).toEqual(['created_at', '-created_at']);
  });

  it('real v2 responses match the documented schemas', async () => {
    const { GET } = await import('@/lib/lab-server/front-door-routes');
    for (const { method, path, op } of operations(v2).filter((o) => o.method === 'GET')) {
      const ok = op.responses['200'] as { content?: Record<string, { schema: { $ref: string } }> };
      const name = ok.content?.['application/json']?.schema.$ref.split('/').pop() ?? '';
      const res = await GET(
        new Request(`http://localhost/api/v2${path.replace(/\{[^}]+\}/g, '1')}`, { headers: auth }),
      );
      expect(res.status, `${method} ${path}`).toBe(200);
      const schema = RESPONSE_COMPONENTS_V2[name as keyof typeof RESPONSE_COMPONENTS_V2] as z.ZodType;
      const parsed = schema.safeParse(await res.json());
      expect(parsed.success, `${method} ${path} vs ${name}: ${parsed.error?.message}`).toBe(true);
    }
  });
});
