import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';

/** /api/v2 and /api/shop through the Next.js front door, as the browser reaches them. */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let auth: Record<string, string>;

beforeAll(async () => {
  lab = await startTestLab('w');
  auth = await lab.claim();
});
afterAll(() => lab.stop());

describe('front door for the other versions', () => {
  it('/api/v2 answers with money objects and no deprecation', async () => {
    const { GET } = await import('@/lib/lab-server/front-door-routes');
    const res = await GET(new Request('http://localhost/api/v2/products/1', { headers: auth }));
    expect(res.status).toBe(200);
    expect((await res.json()).price).toMatchObject({ currency: 'EUR' });
    expect(res.headers.get('deprecation')).toBeNull();
  });

  it('/api/shop picks the version by header and forwards Vary and API-Version', async () => {
    const { GET } = await import('@/lib/lab-server/front-door-routes');
    const res = await GET(
      new Request('http://localhost/api/shop/orders?limit=1', { headers: { ...auth, 'api-version': '2' } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('2');
    expect(res.headers.get('vary')).toContain('API-Version');
    expect((await res.json()).pagination.mode).toBe('cursor');
    const bad = await GET(
      new Request('http://localhost/api/shop/orders', { headers: { ...auth, 'api-version': '9' } }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).supported).toEqual(['1', '2']);
  });
});
