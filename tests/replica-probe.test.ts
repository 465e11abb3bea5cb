import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { probeResultSchema } from '@/lib/replica/probe-schema';
import { patchSettings } from './helpers/control-requests';

/** The probe route, end to end on a real lab server: real orders, real reads, real lag. */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let probe: typeof import('@/app/api/lab/replica/probe/route');
let lessons: typeof import('@/app/api/lab/lessons/[slug]/route');
let auth: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('q');
  probe = await import('@/app/api/lab/replica/probe/route');
  lessons = await import('@/app/api/lab/lessons/[slug]/route');
  auth = await testLab.claim();
});
afterAll(() => testLab.stop());

const patch = (body: unknown) => patchSettings(auth, body);
const runProbe = (body: unknown) =>
  probe.POST(
    new Request('http://localhost/api/lab/replica/probe', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

async function checkState(id: string): Promise<boolean> {
  const res = await lessons.GET(new Request('http://localhost/api/lab/lessons/read-replicas', { headers: auth }), {
    params: Promise.resolve({ slug: 'read-replicas' }),
  });
  const body = (await res.json()) as { checks: { id: string; passed: boolean }[] };
  return body.checks.find((c) => c.id === id)?.passed ?? false;
}

describe('POST /api/lab/replica/probe', () => {
  it('rejects more than 50 pairs with 422', async () => {
    const res = await runProbe({ pairs: 51 });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('without a replica every read sees its write', async () => {
    const res = await runProbe({ pairs: 3 });
    expect(res.status).toBe(200);
    const body = probeResultSchema.parse(await res.json());
    expect(body.summary).toMatchObject({ writes: 3, ownStale: 0, otherStale: 0, servedByReplica: 0 });
  });

  it('eventual consistency: reads right after a write miss it, and it shows up after about the lag', async () => {
    expect((await patch({ replica: { enabled: true, lagMs: 300, consistency: 'eventual' } })).status).toBe(200);
    const body = probeResultSchema.parse(await (await runProbe({ pairs: 4 })).json());
    expect(body.replica).toEqual({ enabled: true, lagMs: 300, consistency: 'eventual' });
    expect(body.summary).toMatchObject({ writes: 4, ownStale: 4, otherStale: 4, notVisible: 0 });
    expect(body.summary.medianVisibleAfterMs).toBeGreaterThanOrEqual(250);
    // Too few orders for the lesson's check; 10 do it, and the server stores the pass.
    expect(body.checksPassed).toEqual([]);
    const enough = probeResultSchema.parse(await (await runProbe({ pairs: 10 })).json());
    expect(enough.checksPassed).toEqual(['probe-eventual-stale']);
    expect(await checkState('probe-eventual-stale')).toBe(true);
    expect(await checkState('probe-ryw-fresh')).toBe(false);
  });

  it('read-your-writes: the writer always sees its order, other clients still miss it', async () => {
    await patch({ replica: { consistency: 'read-your-writes' } });
    const body = probeResultSchema.parse(await (await runProbe({ pairs: 4 })).json());
    expect(body.summary).toMatchObject({ writes: 4, ownStale: 0, otherStale: 4 });
    expect(body.samples.every((s) => s.own?.servedBy === 'primary' && s.own.route === 'own-write-not-replicated')).toBe(
      true,
    );
    const enough = probeResultSchema.parse(await (await runProbe({ pairs: 10 })).json());
    expect(enough.checksPassed).toEqual(['probe-ryw-fresh']);
    expect(await checkState('probe-ryw-fresh')).toBe(true);
  });
});
