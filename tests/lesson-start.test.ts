import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { lessonEpoch } from '@/lib/lessons/epoch';
import { loadLessons } from '@/lib/lessons/loader';
import { visitResultSchema, type VisitResult } from '@/lib/lessons/start-state';
import { appRuntime } from '@/lib/runtime';

/**
 * Every lesson from a known state, through the real route handlers and a real lab server:
 * the first visit applies the lesson's start (and Undo restores the learner's knobs), a later
 * visit only reports how the sandbox differs, "Apply lesson start" fixes it, and "Show me"
 * works on every lesson that has a solution.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let settings: typeof import('@/app/api/lab/settings/route');
let visitRoute: typeof import('@/app/api/lab/lessons/[slug]/visit/route');
let startRoute: typeof import('@/app/api/lab/lessons/[slug]/start/route');
let solutionRoute: typeof import('@/app/api/lab/lessons/[slug]/solution/route');
let api: typeof import('@/lib/lab-server/front-door-routes');

beforeAll(async () => {
  testLab = await startTestLab('s');
  settings = await import('@/app/api/lab/settings/route');
  visitRoute = await import('@/app/api/lab/lessons/[slug]/visit/route');
  startRoute = await import('@/app/api/lab/lessons/[slug]/start/route');
  solutionRoute = await import('@/app/api/lab/lessons/[slug]/solution/route');
  api = await import('@/lib/lab-server/front-door-routes');
});
afterAll(() => testLab.stop());

const url = (path: string) => `http://localhost${path}`;
const post = (
  route: { POST: (r: Request, c: { params: Promise<{ slug: string }> }) => Promise<Response> },
  action: string,
  slug: string,
  auth: Record<string, string>,
) =>
  route.POST(new Request(url(`/api/lab/lessons/${slug}/${action}`), { method: 'POST', headers: auth }), {
    params: Promise.resolve({ slug }),
  });
const visit = async (slug: string, auth: Record<string, string>): Promise<VisitResult> => {
  const res = await post(visitRoute, 'visit', slug, auth);
  expect(res.status).toBe(200);
  return visitResultSchema.parse(await res.json());
};
const patch = (body: unknown, auth: Record<string, string>) =>
  settings.PATCH(
    new Request(url('/api/lab/settings'), {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
const knobs = async (auth: Record<string, string>) => {
  const body = await (await settings.GET(new Request(url('/api/lab/settings'), { headers: auth }))).json();
  return {
    settings: body.settings,
    present: Object.fromEntries(body.indexes.map((i: { name: string; present: boolean }) => [i.name, i.present])),
  };
};
const learnerOf = (auth: Record<string, string>) =>
  JSON.parse(atob(auth.authorization!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub as string;

describe('POST /api/lab/lessons/[slug]/visit', () => {
  it('on the first visit applies the lesson start, marks the epoch and returns the knobs it replaced, for Undo', async () => {
    const auth = await testLab.claim();
    // The learner comes from another lesson with the limiter on.
    expect((await patch({ rateLimit: { enabled: true, algorithm: 'token-bucket' } }, auth)).status).toBe(200);
    expect(lessonEpoch(appRuntime().appDb, learnerOf(auth), 'pagination')).toBeNull();

    const first = await visit('pagination', auth);
    expect(first.state).toBe('applied');
    if (first.state !== 'applied') return;
    expect(first.changes.map((c) => c.text)).toEqual([
      'Index orders by date: absent; this lesson starts with it present',
      'Rate limiter: on, token bucket, 100 requests per 60 s, bursts up to 100; this lesson starts with it off',
    ]);
    expect(lessonEpoch(appRuntime().appDb, learnerOf(auth), 'pagination')).toBe(first.epoch);
    const applied = await knobs(auth);
    expect(applied.settings.rateLimit.enabled).toBe(false);
    expect(applied.present).toEqual({ idx_user_email: false, idx_order_user_id: false, idx_order_created_at: true });

    // Undo: the previous knobs, sent back through the ordinary settings PATCH.
    expect((await patch(first.undo, auth)).status).toBe(200);
    const undone = await knobs(auth);
    expect(undone.settings.rateLimit).toMatchObject({ enabled: true, algorithm: 'token-bucket' });
    expect(undone.present.idx_order_created_at).toBe(false);

    // A later visit changes nothing and keeps the epoch; it reports the difference in words.
    const later = await visit('pagination', auth);
    expect(later).toEqual({ state: 'differs', epoch: first.epoch, differences: first.changes });
    expect((await knobs(auth)).settings.rateLimit.enabled).toBe(true);
  });

  it('on a first visit where nothing differs, marks the epoch and changes nothing', async () => {
    const auth = await testLab.claim();
    const first = await visit('the-2am-page', auth);
    expect(first).toMatchObject({ state: 'applied', changes: [] });
    expect(await visit('the-2am-page', auth)).toEqual({ state: 'at-start', epoch: first.epoch });
  });

  it('answers problem+json: 401 without a token, 404 for a lesson that does not exist', async () => {
    const anonymous = await post(visitRoute, 'visit', 'pagination', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const missing = await post(visitRoute, 'visit', 'no-such-lesson', await testLab.claim());
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /api/lab/lessons/[slug]/start', () => {
  it('applies the lesson start (knobs only: the data stays) and marks a new epoch', async () => {
    const auth = await testLab.claim();
    const first = await visit('rate-limiting', auth);
    const order = await api.POST(
      new Request(url('/api/v1/orders'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 1, product_id: 1, quantity: 1 }),
      }),
    );
    expect(order.status).toBe(201);
    const orderPath = `/api/v1/orders/${(await order.json()).id}`;
    expect(
      (
        await patch(
          {
            rateLimit: { enabled: true, windowSeconds: 60 },
            appCache: { enabled: true },
            indexes: { idx_user_email: true },
          },
          auth,
        )
      ).status,
    ).toBe(200);
    const differs = await visit('rate-limiting', auth);
    expect(differs.state === 'differs' && differs.differences.map((d) => d.text)).toEqual([
      'Index users by email: present; this lesson starts with it absent',
      'App cache: on, 60 s TTL, up to 1,000 entries, coalescing misses; this lesson starts with it off',
      'Rate limiter: on, fixed window, 100 requests per 60 s; this lesson starts with it off',
    ]);

    await new Promise((r) => setTimeout(r, 5)); // epochs are ISO timestamps: make the new one strictly later
    const res = await post(startRoute, 'start', 'rate-limiting', auth);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.epoch > first.epoch).toBe(true);
    expect(body.settings.rateLimit).toEqual({
      enabled: false,
      algorithm: 'fixed-window',
      limit: 100,
      windowSeconds: 10,
      burst: 50,
    });
    expect(body.settings.appCache.enabled).toBe(false);
    expect(body.indexes.every((i: { present: boolean }) => !i.present)).toBe(true);
    expect(lessonEpoch(appRuntime().appDb, learnerOf(auth), 'rate-limiting')).toBe(body.epoch);
    expect(await visit('rate-limiting', auth)).toEqual({ state: 'at-start', epoch: body.epoch });
    // The order placed before is still there: "Apply lesson start" is not "Reset this lesson".
    expect((await api.GET(new Request(url(orderPath), { headers: auth }))).status).toBe(200);
  });
});

describe('POST /api/lab/lessons/[slug]/solution ("Show me")', () => {
  const lessons = loadLessons();
  it('works on every lesson that has a solution, and the solution is then in the sandbox', async () => {
    const withSolution = lessons.filter((l) => l.frontmatter.solution);
    expect(withSolution.length).toBeGreaterThanOrEqual(9);
    for (const lesson of withSolution) {
      const auth = await testLab.claim();
      const res = await post(solutionRoute, 'solution', lesson.slug, auth);
      expect(res.status, lesson.slug).toBe(200);
      const body = await res.json();
      const { indexes = {}, ...groups } = lesson.frontmatter.solution!;
      for (const [group, values] of Object.entries(groups))
        expect(body.settings[group], `${lesson.slug} ${group}`).toMatchObject(values as object);
      for (const [name, on] of Object.entries(indexes))
        expect(body.indexes.find((i: { name: string }) => i.name === name)?.present, `${lesson.slug} ${name}`).toBe(on);
    }
  });

  it('answers 404 problem+json on a lesson without one (whose page shows no button)', async () => {
    const without = lessons.filter((l) => !l.frontmatter.solution).map((l) => l.slug);
    expect(without).toEqual(expect.arrayContaining(['stateless-by-design', 'load-balancing']));
    const auth = await testLab.claim();
    for (const slug of without) {
      const res = await post(solutionRoute, 'solution', slug, auth);
      expect(res.status, slug).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
