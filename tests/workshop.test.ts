import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { useInProcessRunManager } from '@/lib/main-thread/run-manager';

/** Workshop mode through its real route handlers: instructor sign-in, join, pause, caps, broadcast, reset. */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
const url = (p: string) => `http://localhost${p}`;
const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const cookie = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

beforeAll(async () => {
  testLab = await startTestLab('w', { SCALE_LAB_INSTRUCTOR_TOKEN: 'teach-me-please' });
  useInProcessRunManager();
});
afterAll(() => testLab.stop());

describe('workshop', () => {
  it('locks the instructor API until signed in with the token', async () => {
    const overview = await import('@/app/api/workshop/overview/route');
    const session = await import('@/app/api/workshop/session/route');
    expect((await overview.GET(new Request(url('/api/workshop/overview')))).status).toBe(401);
    expect(
      (await session.POST(new Request(url('/api/workshop/session'), json('POST', { token: 'guess' })))).status,
    ).toBe(401);
    const ok = await session.POST(
      new Request(url('/api/workshop/session'), json('POST', { token: 'teach-me-please' })),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toContain('HttpOnly');
  });

  it('lets learners join with the room code and a nickname, shows them to the instructor, pauses load and resets one learner', async () => {
    const session = await import('@/app/api/workshop/session/route');
    const instructor = {
      cookie: cookie(
        await session.POST(new Request(url('/api/workshop/session'), json('POST', { token: 'teach-me-please' }))),
      ),
    };
    const overview = await import('@/app/api/workshop/overview/route');
    const room = await (await overview.GET(new Request(url('/api/workshop/overview'), { headers: instructor }))).json();
    expect(room.workshop.joinCode).toMatch(/^[A-Z2-9]{6}$/);

    const join = await import('@/app/api/lab/join/route');
    expect(
      (await join.POST(new Request(url('/api/lab/join'), json('POST', { code: 'WRONG1', nickname: 'ada' })))).status,
    ).toBe(422);
    const ada = await join.POST(
      new Request(url('/api/lab/join'), json('POST', { code: room.workshop.joinCode.toLowerCase(), nickname: 'ada' })),
    );
    expect(ada.status).toBe(201);
    const grace = await join.POST(
      new Request(url('/api/lab/join'), json('POST', { code: room.workshop.joinCode, nickname: 'grace' })),
    );
    const after = await (
      await overview.GET(new Request(url('/api/workshop/overview'), { headers: instructor }))
    ).json();
    expect(after.learners.map((l: { nickname: string }) => l.nickname).sort()).toEqual(['ada', 'grace']);
    expect(after.server.lab.state).toBe('ready');

    // Pause: new runs are refused with 503 and say why.
    const load = await import('@/app/api/workshop/load/route');
    expect(
      (await load.POST(new Request(url('/api/workshop/load'), json('POST', { action: 'pause' }, instructor)))).status,
    ).toBe(200);
    const runs = await import('@/app/api/lab/runs/route');
    const refused = await runs.POST(
      new Request(
        url('/api/lab/runs'),
        json('POST', { model: 'constant-arrival', rate: 5, durationSec: 1 }, { cookie: cookie(ada) }),
      ),
    );
    expect(refused.status).toBe(503);
    expect((await refused.json()).detail).toContain('paused');
    await load.POST(new Request(url('/api/workshop/load'), json('POST', { action: 'resume' }, instructor)));

    // Caps above the server's own limits are refused.
    const caps = await load.PUT(
      new Request(
        url('/api/workshop/load'),
        json('PUT', { perLearnerRate: 10, totalRate: 999_999, maxRuns: 2 }, instructor),
      ),
    );
    expect(caps.status).toBe(422);

    // Broadcast, seen by learners.
    const broadcast = await import('@/app/api/workshop/broadcast/route');
    expect(
      (
        await broadcast.POST(
          new Request(url('/api/workshop/broadcast'), json('POST', { lesson: 'indexes', message: 'Now!' }, instructor)),
        )
      ).status,
    ).toBe(201);
    const banner = await import('@/app/api/lab/broadcast/route');
    const seen = await banner.GET(new Request(url('/api/lab/broadcast')));
    const visitor = await seen.json();
    expect(visitor.broadcast).toMatchObject({ lesson: 'indexes', message: 'Now!' });
    // A visitor without a token polls (the room stream would refuse them: a 401 in their console);
    // a learner with a sandbox and the instructor are told to follow the stream.
    expect(visitor.stream).toBe(false);
    const asLearner = await banner.GET(new Request(url('/api/lab/broadcast'), { headers: { cookie: cookie(ada) } }));
    expect((await asLearner.json()).stream).toBe(true);
    const asInstructor = await banner.GET(new Request(url('/api/lab/broadcast'), { headers: instructor }));
    expect((await asInstructor.json()).stream).toBe(true);

    // Reset one learner's sandbox; the other's change survives.
    const api = await import('@/lib/lab-server/front-door-routes');
    const rename = (who: Response) =>
      api.PATCH(new Request(url('/api/v1/products/1'), json('PATCH', { name: 'Renamed' }, { cookie: cookie(who) })));
    await rename(ada);
    await rename(grace);
    const adaId = after.learners.find((l: { nickname: string }) => l.nickname === 'ada').learnerId;
    const reset = await import('@/app/api/workshop/learners/[id]/reset/route');
    expect(
      (
        await reset.POST(
          new Request(url(`/api/workshop/learners/${adaId}/reset`), { method: 'POST', headers: instructor }),
          { params: Promise.resolve({ id: adaId }) },
        )
      ).status,
    ).toBe(200);
    const name = async (who: Response) =>
      (await (await api.GET(new Request(url('/api/v1/products/1'), { headers: { cookie: cookie(who) } }))).json()).name;
    expect(await name(ada)).not.toBe('Renamed');
    expect(await name(grace)).toBe('Renamed');

    // The projector's choice: a run that is not running is refused, bad input is a 422, null clears it.
    const projector = await import('@/app/api/workshop/projector/route');
    const choose = (body: unknown) =>
      projector.PUT(new Request(url('/api/workshop/projector'), json('PUT', body, instructor)));
    expect((await choose({ runId: 'run_nowhere' })).status).toBe(404);
    expect((await choose({ runId: 42 })).status).toBe(422);
    expect(await (await choose({ runId: null })).json()).toEqual({ projector: null });

    // The CSV has no nicknames.
    const csv = await (
      await (
        await import('@/app/api/workshop/export/route')
      ).GET(new Request(url('/api/workshop/export'), { headers: instructor }))
    ).text();
    expect(csv.split('\n')[0]).toBe('learner,current_lesson,checks_passed,predictions,quiz_correct,quiz_answered');
    expect(csv).not.toContain('ada');
  });
});
