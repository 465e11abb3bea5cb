import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { useInProcessRunManager } from '@/lib/main-thread/run-manager';
import { runListSchema, runResponseSchema } from '@/lib/runs/schema';

/**
 * A run belongs to the lesson page it was started from (`?lesson=<slug>`, checked against the
 * course); a run started anywhere else belongs to none. Real route handlers, real lab server.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let runs: typeof import('@/app/api/lab/runs/route');
let events: typeof import('@/app/api/lab/runs/[id]/events/route');
let auth: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('l');
  useInProcessRunManager();
  runs = await import('@/app/api/lab/runs/route');
  events = await import('@/app/api/lab/runs/[id]/events/route');
  auth = await testLab.claim();
});
afterAll(() => testLab.stop());

const profile = { model: 'constant-arrival', rate: 5, durationSec: 1, mix: [{ endpoint: 'user-by-id', weight: 1 }] };
const start = (query: string) =>
  runs.POST(
    new Request(`http://localhost/api/lab/runs${query}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    }),
  );
/** Follow the run to its end (the SSE stream closes after `done`). */
const finish = async (id: string) =>
  (
    await events.GET(new Request(`http://localhost/api/lab/runs/${id}/events`, { headers: auth }), {
      params: Promise.resolve({ id }),
    })
  ).text();

describe('POST /api/lab/runs?lesson=', () => {
  it('refuses a lesson that is not in the course, as problem+json naming the parameter', async () => {
    for (const query of ['?lesson=no-such-lesson', '?lesson=indexes&lesson=pagination', '?lesson=indexes&x=1']) {
      const res = await start(query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await res.json())).toMatch(/lesson|x/);
    }
  });

  it('records the lesson a run was started from, and none for a run from elsewhere', async () => {
    const fromLesson = runResponseSchema.parse(await (await start('?lesson=indexes')).json()).run;
    expect(fromLesson.lesson).toBe('indexes');
    await finish(fromLesson.id);
    const fromApi = runResponseSchema.parse(await (await start('')).json()).run;
    expect(fromApi.lesson).toBeNull();
    await finish(fromApi.id);
    const list = runListSchema.parse(
      await (await runs.GET(new Request('http://localhost/api/lab/runs', { headers: auth }))).json(),
    );
    expect(list.data.map((r) => [r.id, r.lesson])).toEqual([
      [fromApi.id, null],
      [fromLesson.id, 'indexes'],
    ]);
  });
});
