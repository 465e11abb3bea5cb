import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { openApiDocument } from '@/lib/api/openapi/document';
import { badPathResponse } from '@/lib/api/request-path';
import {
  acceptableStatus,
  body,
  contentType,
  extraHeaders,
  FUZZ_RUNS,
  method,
  problemIfError,
  queryString,
  segment,
} from './arbitraries';

/**
 * Property: whatever arrives at a Shop API route from the OpenAPI document (any method, path
 * parameter, query, body, encoding and header), the answer is never a 5xx and every error is
 * problem+json; and the server still answers a health request afterwards. Requests go over
 * real HTTP to the lab server, past the same edge check the app's proxy.ts applies.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let auth: Record<string, string>;

beforeAll(async () => {
  lab = await startTestLab('f');
  auth = await lab.claim();
});
afterAll(() => lab.stop());

const operations = ([1, 2] as const).flatMap((v) => {
  const doc = openApiDocument(v) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).map(([path, ops]) => ({
    base: v === 1 ? '/api/v1' : '/api/v2',
    path,
    methods: Object.keys(ops).map((m) => m.toUpperCase()),
  }));
});

async function send(url: string, init: { method: string; headers: Record<string, string>; body?: string | Buffer }) {
  const edge = badPathResponse(url.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'http://localhost:3000'));
  if (edge)
    return { status: edge.status, type: edge.headers.get('content-type'), retryAfter: edge.headers.get('retry-after') };
  const res = await fetch(url, { ...init, body: init.body as BodyInit | undefined, redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after') };
}

describe('fuzz: the Shop API', () => {
  it.each(operations.map((o) => [`${o.base}${o.path}`, o]))(
    '%s never answers 5xx, and errors are problem+json',
    async (_name, op) => {
      const port = lab.lab.status().port;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constantFrom(...op.methods), method),
          segment,
          queryString,
          body,
          contentType,
          extraHeaders,
          fc.boolean(),
          async (m, id, query, payload, type, headers, withToken) => {
            const path = op.path.replace('{id}', id);
            const { 'content-length-lie': _lie, ...rest } = headers;
            const h: Record<string, string> = {
              ...rest,
              ...(withToken ? auth : {}),
              ...(type ? { 'content-type': type } : {}),
            };
            const hasBody = m !== 'GET' && m !== 'HEAD';
            const res = await send(`http://127.0.0.1:${port}${op.base}${path}${query ? `?${query}` : ''}`, {
              method: m,
              headers: h,
              body: hasBody ? payload : undefined,
            });
            expect(acceptableStatus(res.status, res.retryAfter), `${m} ${path}?${query} answered ${res.status}`).toBe(
              true,
            );
            expect(problemIfError(res.status, res.type, m), `${m} ${path} ${res.status} ${res.type}`).toBe(true);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
  );

  it('the lab server still answers afterwards', async () => {
    const res = await fetch(`http://127.0.0.1:${lab.lab.status().port}/healthz`);
    expect(res.status).toBe(200);
    const ok = await fetch(`http://127.0.0.1:${lab.lab.status().port}/api/v1/products/1`, { headers: auth });
    expect(ok.status).toBe(200);
  });
});
