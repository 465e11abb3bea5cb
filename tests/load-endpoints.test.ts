import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeySampler, createRng, ENDPOINT_KEYS, ENDPOINTS, type Keyspace } from '@/lib/load';
import { PAGINATION_MODES } from '@/lib/knobs/schema';
import { startTestLab } from '@/lib/testing/test-lab';
import { patchSettings } from './helpers/control-requests';

/**
 * Every request the load generator can send is one the real API accepts, in every
 * pagination mode: a 400 in a run would be the generator's bug, not the learner's lesson.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let api: typeof import('@/lib/lab-server/front-door-routes');
let auth: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('e');
  api = await import('@/lib/lab-server/front-door-routes');
  auth = await testLab.claim();
});
afterAll(() => testLab.stop());

const keyspace = (pagination: Keyspace['pagination']): Keyspace => ({
  users: 50,
  products: 20,
  emails: [],
  pagination,
});

describe('load endpoint catalogue against the real API', () => {
  for (const mode of PAGINATION_MODES) {
    it(`every endpoint answers 2xx with ${mode} pagination`, async () => {
      const patched = await patchSettings(auth, { pagination: { mode } });
      expect(patched.status).toBe(200);
      const keys = createKeySampler(
        { distribution: 'uniform', zipfSkew: 1.1, hotSetFraction: 0.01, hotTrafficFraction: 0.9 },
        createRng(7),
      );
      for (const key of ENDPOINT_KEYS) {
        const r = ENDPOINTS[key].buildRequest(keys, keyspace(mode));
        const req = new Request(`http://localhost${r.path}`, {
          method: r.method,
          body: r.body,
          headers: { ...auth, ...(r.body ? { 'content-type': 'application/json' } : {}) },
        });
        const res = r.method === 'POST' ? await api.POST(req) : await api.GET(req);
        expect({ key, status: res.status }).toEqual({ key, status: r.method === 'POST' ? 201 : 200 });
      }
    });
  }

  it('the expanded order history runs one product query per order under n-plus-one, one in all under join', async () => {
    const queries = async () => {
      const res = await api.GET(
        new Request('http://localhost/api/v1/users/1/orders?expand=product&limit=50', { headers: auth }),
      );
      return {
        count: (await res.json()).data.length as number,
        q: Number(/db;dur=[\d.]+;desc="(\d+) quer/.exec(res.headers.get('server-timing') ?? '')?.[1]),
      };
    };
    const patch = (expand: string) => patchSettings(auth, { pagination: { mode: 'offset' }, queryShape: { expand } });
    await patch('n-plus-one');
    const n1 = await queries();
    await patch('join');
    const join = await queries();
    expect(n1.count).toBeGreaterThan(1);
    expect(n1.q - join.q).toBe(n1.count - 1);
  });
});
