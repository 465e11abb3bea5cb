import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { useInProcessRunManager } from '@/lib/main-thread/run-manager';

/**
 * Finding 2, end to end: `{"model":"virtual-users","users":200,"thinkTimeMs":0}` was accepted
 * and sent thousands of requests a second past a 50 req/s budget, with 0 reserved in /metrics.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let runs: typeof import('@/app/api/lab/runs/route');
let events: typeof import('@/app/api/lab/runs/[id]/events/route');
let metrics: typeof import('@/app/metrics/route');
let auth: Record<string, string>;

beforeAll(async () => {
  lab = await startTestLab('v', { SCALE_LAB_MAX_TOTAL_RATE: '50' });
  useInProcessRunManager();
  runs = await import('@/app/api/lab/runs/route');
  events = await import('@/app/api/lab/runs/[id]/events/route');
  metrics = await import('@/app/metrics/route');
  auth = await lab.claim();
});
afterAll(() => lab.stop());

const start = (profile: unknown) =>
  runs.POST(
    new Request('http://localhost/api/lab/runs', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    }),
  );

describe('a virtual-users run holds a share of the rate budget', () => {
  it('is admitted at the budget, shows its reservation in /metrics, and sends no faster', async () => {
    const res = await start({
      model: 'virtual-users',
      users: 200,
      thinkTimeMs: 0,
      durationSec: 2,
      mix: [{ endpoint: 'product-by-id', weight: 1 }],
    });
    expect(res.status).toBe(201);
    const { run } = await res.json();
    expect(run.note).toContain('at most 50 req/s');

    const text = await (await metrics.GET()).text();
    expect(text).toMatch(/^scale_lab_load_rate_reserved_rps 50$/m);
    expect(text).toMatch(/^scale_lab_load_users_reserved 200$/m);
    // The room's budget (in-process here, PostgreSQL across nodes) holds the same reservation.
    expect(text).toMatch(/^scale_lab_room_rate_reserved_rps 50$/m);
    expect(text).toMatch(/^scale_lab_room_runs_reserved 1$/m);

    // The event stream ends when the run does; its summary counts what was sent.
    const sse = await (
      await events.GET(new Request(`http://localhost/api/lab/runs/${run.id}/events`, { headers: auth }), {
        params: Promise.resolve({ id: run.id }),
      })
    ).text();
    const done = sse.split('\n\n').find((b) => b.includes('event: done'));
    const summary = JSON.parse(/data: (.*)/.exec(done ?? '')?.[1] ?? 'null').run.summary;
    // 2 s at 50 req/s, plus the first slot: never the thousands an unpaced closed run sends.
    expect(summary.counts.sent).toBeLessThanOrEqual(101);
    expect(summary.counts.sent).toBeGreaterThan(0);
  });

  it('a second run while the first holds the whole budget is refused at start with 503, not started and failed', async () => {
    const first = await start({ model: 'virtual-users', users: 10, thinkTimeMs: 0, durationSec: 3 });
    expect(first.status).toBe(201);
    const other = await lab.claim();
    const second = await runs.POST(
      new Request('http://localhost/api/lab/runs', {
        method: 'POST',
        headers: { ...other, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'virtual-users', users: 10, thinkTimeMs: 0, durationSec: 1 }),
      }),
    );
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBeTruthy();
    expect((await second.json()).detail).toContain('whole load budget');
    const { run } = await first.json();
    const stop = await import('@/app/api/lab/runs/[id]/stop/route');
    await stop.POST(new Request(`http://localhost/api/lab/runs/${run.id}/stop`, { method: 'POST', headers: auth }), {
      params: Promise.resolve({ id: run.id }),
    });
  });
});
