import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDataDir } from '@/lib/testing/test-env';
import { startInProcessLabHost } from '@/lib/lab-server/in-process-host';
import { setLabHost, type LabHost } from '@/lib/lab-server/host';
import { shopRoutes } from '@/lib/api/pipeline';
import { resolveRef } from '@/lib/api/openapi/resolve-ref';
import { openApiErrors } from './helpers/openapi-validate';
import type { OpenApiDocument, Parameter } from '@/lib/api/openapi/document';
import { OPERATIONS } from '@/lib/api/openapi/operations';
import { RESPONSE_COMPONENTS, problemSchema } from '@/lib/api/openapi/response-schemas';
import { patchSettings } from './helpers/control-requests';

/**
 * The OpenAPI document served at /api/openapi.json: structurally valid, exactly the routes
 * the API serves, and in step with what the API really accepts and answers.
 */
let env: ReturnType<typeof createTestDataDir>;
let lab: LabHost;
let doc: OpenApiDocument;
let api: typeof import('@/lib/lab-server/front-door-routes');
let auth: Record<string, string>;

beforeAll(async () => {
  env = createTestDataDir();
  Object.assign(process.env, {
    SCALE_LAB_DATA_DIR: env.dataDir,
    SCALE_LAB_SCALE: '0.01',
    SCALE_LAB_SECRET: 'o'.repeat(40),
  });
  lab = await startInProcessLabHost({
    dataDir: env.dataDir,
    scale: 0.01,
    secret: new TextEncoder().encode('o'.repeat(40)),
  });
  setLabHost(lab);
  const route = await import('@/app/api/openapi.json/route');
  const res = route.GET();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  doc = await res.json();
  api = await import('@/lib/lab-server/front-door-routes');
  const sandbox = await import('@/app/api/lab/sandbox/route');
  const claim = await (await sandbox.POST(new Request('http://localhost/api/lab/sandbox', { method: 'POST' }))).json();
  auth = { authorization: `Bearer ${claim.token}` };
});
afterAll(async () => {
  await lab.stop();
  setLabHost(undefined);
  env.cleanup();
});

const call = (method: string, path: string, body?: unknown) =>
  api.GET(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
const patch = async (body: unknown) => expect((await patchSettings(auth, body)).status).toBe(200);
const setPagination = (mode: string) => patch({ pagination: { mode } });

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
const concrete = (pattern: string) => pattern.replace(/\{[^}]+\}/g, '1');

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (every $ref resolves, path params declared)', async () => {
    expect(await openApiErrors(doc)).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('the validator catches the mistakes it is there for', async () => {
    type Doc = { paths: Record<string, Record<string, { parameters: unknown[]; responses: Record<string, unknown> }>> };
    const productGet = (d: Doc) => {
      const op = d.paths['/products/{id}']?.get;
      if (!op) throw new Error('no GET /products/{id}');
      return op;
    };
    // Each mistake on its own: the validator stops at a ref it cannot resolve. Doc is the loose view of the
    // document that lets a test break it (OpenApiDocument's operations are typed too strictly to edit).
    const noPathParam = structuredClone(doc) as unknown as Doc;
    productGet(noPathParam).parameters = productGet(noPathParam).parameters.filter(
      (p) => (p as { in?: string }).in !== 'path',
    );
    expect((await openApiErrors(noPathParam)).join('\n')).toMatch(/\{id\}/);
    // The same loose view, for the second mistake.
    const badRef = structuredClone(doc) as unknown as Doc;
    productGet(badRef).responses['200'] = { $ref: '#/components/responses/Nope' };
    expect((await openApiErrors(badRef)).join('\n')).toMatch(/#\/components\/responses\/Nope/);
  });

  it('documents every route the API serves, and nothing else', () => {
    const served = shopRoutes.map((r) => `${r.method} ${r.pattern}`).sort();
    const documented = operations()
      .map((o) => `${o.method} ${o.path}`)
      .sort();
    expect(documented).toEqual(served);
    expect(Object.keys(OPERATIONS).sort()).toEqual(served);
  });

  it('documents request bodies with the zod schemas the handlers validate with', async () => {
    const create = doc.components.schemas.ProductCreate;
    expect(create?.required).toEqual(['sku', 'name', 'category', 'price_cents']);
    expect(create?.properties?.stock?.default).toBe(0);
    expect(create?.additionalProperties).toBe(false);
    // And the API agrees: a body the schema rejects (unknown field) is a 422 naming it.
    const res = await call('POST', '/products', {
      sku: 'X-1',
      name: 'x',
      category: 'books',
      price_cents: 100,
      colour: 'red',
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('colour');
  });

  it('every documented query parameter is accepted by the real API, and undocumented ones are not', async () => {
    const example = (p: Parameter): string => {
      const s = p.schema;
      if (p.name === 'fields') return 'id';
      if (s.enum) return String(s.enum[0]);
      if (s.const !== undefined) return String(s.const);
      if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
      if (s.format === 'email') return 'someone@example.com';
      if (s.type === 'integer') return String(s.default ?? s.minimum ?? 1);
      return 'x';
    };
    for (const mode of ['offset', 'cursor', 'unbounded']) {
      await setPagination(mode);
      for (const { method, path, op } of operations().filter((o) => o.method === 'GET')) {
        const params = op.parameters
          .map((p) => ('$ref' in p ? resolveRef(doc, p.$ref) : p) as Parameter)
          .filter((p) => p.in === 'query');
        for (const p of params) {
          const modes = p['x-pagination-modes'];
          const url = `${concrete(path)}?${p.name}=${encodeURIComponent(example(p))}`;
          const res = await call(method, url);
          const body = res.status === 400 ? await res.json() : null;
          const unknown = body?.errors?.some(
            (e: { field: string; detail: string }) => e.field === p.name && /Unknown field/.test(e.detail),
          );
          if (!modes || modes.includes(mode)) {
            expect(unknown, `${method} ${url} (${mode}) rejected documented ${p.name}`).toBeFalsy();
            if (p.name !== 'cursor') expect(res.status, `${method} ${url} (${mode})`).toBe(200);
          } else {
            expect(unknown, `${method} ${url} (${mode}) should refuse ${p.name}`).toBe(true);
          }
        }
        const res = await call(method, `${concrete(path)}?not_a_documented_param=1`);
        // Detail routes without query parameters ignore the query string; the rest are strict.
        if (params.length > 0) expect(res.status, `${method} ${path} accepts an undocumented parameter`).toBe(400);
      }
    }
    await setPagination('offset');
  });

  it('real responses match the documented response schemas', async () => {
    const schemaOf = (name: string) => RESPONSE_COMPONENTS[name as keyof typeof RESPONSE_COMPONENTS] as z.ZodType;
    // GET /jobs/1 needs a job: queue one (the documented 202 of POST /orders), then go back to sync.
    await patch({ writes: { mode: 'queued', processingMs: 0 } });
    const queued = await call('POST', '/orders', { user_id: 1, product_id: 1, quantity: 1 });
    expect(queued.status).toBe(202);
    expect(RESPONSE_COMPONENTS.Job.safeParse(await queued.json()).success).toBe(true);
    await patch({ writes: { mode: 'sync' } });
    for (const mode of ['offset', 'cursor', 'unbounded']) {
      await setPagination(mode);
      for (const { method, path, op } of operations().filter((o) => o.method === 'GET')) {
        const ok = op.responses['200'] as { content?: Record<string, { schema: { $ref: string } }> };
        const name = ok.content?.['application/json']?.schema.$ref.split('/').pop() ?? '';
        const res = await call(method, concrete(path));
        expect(res.status).toBe(200);
        const parsed = schemaOf(name).safeParse(await res.json());
        expect(parsed.success, `${method} ${path} (${mode}) vs ${name}: ${parsed.error?.message}`).toBe(true);
      }
    }
    await setPagination('offset');
    const expanded = await (await call('GET', '/users/1/orders?expand=product')).json();
    expect(RESPONSE_COMPONENTS.UserOrderList.safeParse(expanded).success).toBe(true);
    const created = await call('POST', '/users', { email: 'doc-test@example.com', name: 'Doc', country: 'DE' });
    expect(created.status).toBe(201);
    expect(RESPONSE_COMPONENTS.User.safeParse(await created.json()).success).toBe(true);
    const missing = await call('GET', '/orders/999999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(problemSchema.safeParse(await missing.json()).success).toBe(true);
    const notFound = doc.paths['/orders/{id}']?.get?.responses['404'] as {
      content: Record<string, { schema: unknown; examples: object }>;
    };
    expect(notFound.content['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(Object.keys(notFound.content['application/problem+json']?.examples ?? {})).toEqual(['not-found']);
    // A GET's 400 is about its parameters only; a POST's also about its JSON body.
    const listBad = doc.paths['/orders']?.get?.responses['400'] as { description: string };
    expect(listBad.description).toBe('Invalid query or path parameters');
    expect((doc.paths['/orders']?.post?.responses['400'] as { description: string }).description).toContain(
      'Malformed JSON body',
    );
  });
});
