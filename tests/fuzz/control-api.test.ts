import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { useInProcessRunManager } from '@/lib/main-thread/run-manager';
import { CONTROL_ROUTES } from '@/lib/api/control-routes';
import { PEER_HEADER } from '@/lib/control/client-address';
import {
  acceptableStatus,
  body,
  contentType,
  extraHeaders,
  FUZZ_RUNS,
  problemIfError,
  queryString,
  segment,
} from './arbitraries';

/**
 * Property: every control route in the route list, called as Next.js calls it (the exported
 * handler with a real Request and its params), with any method, path parameter, query, body,
 * encoding and header, with or without a learner token, never answers 5xx, and every error
 * is problem+json; the lab still answers its health check afterwards.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let auth: Record<string, string>;

beforeAll(async () => {
  lab = await startTestLab('z', { SCALE_LAB_INSTRUCTOR_TOKEN: 'fuzz-instructor-token' });
  useInProcessRunManager();
  auth = await lab.claim();
});
afterAll(() => lab.stop());

const root = path.resolve(__dirname, '../..');
type Handler = (r: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
const CONTROL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

describe('fuzz: the control API', () => {
  it.each(Object.keys(CONTROL_ROUTES))('%s never answers 5xx, and errors are problem+json', async (route) => {
    const mod = (await import(path.join(root, 'app', route, 'route.ts'))) as Record<string, Handler>;
    const listed: readonly string[] = CONTROL_ROUTES[route as keyof typeof CONTROL_ROUTES];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...listed), fc.constantFrom(...CONTROL_METHODS)),
        segment,
        queryString,
        body,
        contentType,
        extraHeaders,
        fc.boolean(),
        fc.ipV4(),
        async (m, param, query, payload, type, headers, withToken, address) => {
          const { 'content-length-lie': _lie, ...rest } = headers;
          const h: Record<string, string> = {
            ...rest,
            ...(withToken ? auth : {}),
            ...(type ? { 'content-type': type } : {}),
            [PEER_HEADER]: address,
          };
          const url = `http://localhost:3000${route.replace(/\[(slug|id)\]/g, param)}${query ? `?${query}` : ''}`;
          const hasBody = m !== 'GET' && m !== 'HEAD';
          const request = new Request(url, { method: m, headers: h, body: hasBody ? payload : undefined });
          let decoded = param;
          try {
            decoded = decodeURIComponent(param);
          } catch {
            // Next.js would have answered 400 at the edge (proxy.ts); the handler may still see the raw text.
          }
          const res = await mod[m]!(request, { params: Promise.resolve({ slug: decoded, id: decoded }) });
          // Streams (SSE) are cancelled: only the status and type matter here.
          await res.body?.cancel();
          expect(
            acceptableStatus(res.status, res.headers.get('retry-after')),
            `${m} ${url} answered ${res.status}`,
          ).toBe(true);
          expect(
            problemIfError(res.status, res.headers.get('content-type'), m),
            `${m} ${url} ${res.status} ${res.headers.get('content-type')}`,
          ).toBe(true);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('the lab still answers its health check afterwards', async () => {
    const health = await import('@/app/api/lab/health/route');
    expect(health.GET().status).toBe(200);
  });
});
