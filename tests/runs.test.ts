import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { useInProcessRunManager } from '@/lib/main-thread/run-manager';
import { runResponseSchema, runListSchema } from '@/lib/runs/schema';

/**
 * A short real run: the control API starts it, real HTTP hits the lab server on loopback,
 * per-second stats stream over SSE, and the summary is stored and listed, for this learner only.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let runs: typeof import('@/app/api/lab/runs/route');
let runById: typeof import('@/app/api/lab/runs/[id]/route');
let events: typeof import('@/app/api/lab/runs/[id]/events/route');
let stop: typeof import('@/app/api/lab/runs/[id]/stop/route');
let alice: Record<string, string>;
let bob: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('r');
  useInProcessRunManager();
  runs = await import('@/app/api/lab/runs/route');
  runById = await import('@/app/api/lab/runs/[id]/route');
  events = await import('@/app/api/lab/runs/[id]/events/route');
  stop = await import('@/app/api/lab/runs/[id]/stop/route');
  alice = await testLab.claim();
  bob = await testLab.claim();
});
afterAll(() => testLab.stop());

const start = (headers: Record<string, string>, profile: unknown) =>
  runs.POST(
    new Request('http://localhost/api/lab/runs', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    }),
  );
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function readEvents(res: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((b) => b.includes('event:'))
    .map((block) => {
      const event = /event: (\w+)/.exec(block)?.[1] ?? '';
      const data = JSON.parse(/data: (.*)/.exec(block)?.[1] ?? 'null');
      return { event, data };
    });
}

describe('load runs', () => {
  it('rejects an invalid profile with 422 naming the fields', async () => {
    const res = await start(alice, { model: 'constant-arrival', rate: -1, durationSec: 3600 });
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['durationSec', 'rate']);
  });

  it('caps load through the front door: it shares the thread that serves the pages', async () => {
    const res = await start(alice, { model: 'constant-arrival', rate: 500, durationSec: 2, target: 'front-door' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors[0]).toMatchObject({ field: 'rate' });
    expect(body.errors[0].detail).toContain('front door');
  });

  it('runs for real, streams each second over SSE and stores the summary', async () => {
    const res = await start(alice, {
      model: 'constant-arrival',
      rate: 40,
      durationSec: 2,
      mix: [{ endpoint: 'user-by-id', weight: 1 }],
    });
    expect(res.status).toBe(201);
    const { run } = runResponseSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/lab/runs/${run.id}`);
    expect(run.knobs.indexes).toHaveLength(3);

    // One run per learner at a time.
    const second = await start(alice, { model: 'constant-arrival', rate: 10, durationSec: 1 });
    expect(second.status).toBe(429);

    const stream = await events.GET(
      new Request(`http://localhost/api/lab/runs/${run.id}/events`, { headers: alice }),
      ctx(run.id),
    );
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const received = await readEvents(stream);
    expect(received[0]?.event).toBe('snapshot');
    const seconds = received.filter((e) => e.event === 'second');
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    const done = received.at(-1)!;
    expect(done.event).toBe('done');
    const final = runResponseSchema.parse(done.data).run;
    expect(final.status).toBe('completed');
    expect(final.summary!.counts.sent).toBe(80);
    expect(final.summary!.counts.status['2xx']).toBe(80);
    expect(final.summary!.latencyMs!.p50).toBeGreaterThan(0);

    const stored = runResponseSchema.parse(
      await (
        await runById.GET(new Request(`http://localhost/api/lab/runs/${run.id}`, { headers: alice }), ctx(run.id))
      ).json(),
    );
    expect(stored.run.seconds.length).toBe(seconds.length);
    expect(stored.run.summary?.counts.sent).toBe(80);

    const list = runListSchema.parse(
      await (await runs.GET(new Request('http://localhost/api/lab/runs?limit=5', { headers: alice }))).json(),
    );
    expect(list.data.map((r) => r.id)).toContain(run.id);

    // Another learner cannot see it, list it or stop it.
    expect(
      (await runById.GET(new Request(`http://localhost/api/lab/runs/${run.id}`, { headers: bob }), ctx(run.id))).status,
    ).toBe(404);
    expect(
      (
        await stop.POST(
          new Request(`http://localhost/api/lab/runs/${run.id}/stop`, { method: 'POST', headers: bob }),
          ctx(run.id),
        )
      ).status,
    ).toBe(404);
    const bobs = runListSchema.parse(
      await (await runs.GET(new Request('http://localhost/api/lab/runs', { headers: bob }))).json(),
    );
    expect(bobs.data).toEqual([]);
  });

  it('stops on request and records that it was stopped', async () => {
    const res = await start(bob, {
      model: 'virtual-users',
      users: 2,
      durationSec: 20,
      mix: [{ endpoint: 'product-by-id', weight: 1 }],
    });
    const { run } = runResponseSchema.parse(await res.json());
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await stop.POST(
      new Request(`http://localhost/api/lab/runs/${run.id}/stop`, { method: 'POST', headers: bob }),
      ctx(run.id),
    );
    expect(stopped.status).toBe(202);
    const stream = await events.GET(
      new Request(`http://localhost/api/lab/runs/${run.id}/events`, { headers: bob }),
      ctx(run.id),
    );
    const final = runResponseSchema.parse((await readEvents(stream)).at(-1)!.data).run;
    expect(final.status).toBe('stopped');
    expect(final.summary?.aborted).toBe(true);
  });
});
