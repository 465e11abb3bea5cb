import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';

/**
 * Finding 6: progress import could forge server-computed checks, and a 40 MB import of long
 * strings grew app.db to 190 MB. Import now carries only predictions and quiz answers, for
 * lessons and questions that exist, graded by the server, with bounded sizes.
 */
let lab: Awaited<ReturnType<typeof startTestLab>>;
let importRoute: typeof import('@/app/api/lab/progress/import/route');
let lesson: typeof import('@/app/api/lab/lessons/[slug]/route');
let auth: Record<string, string>;

beforeAll(async () => {
  lab = await startTestLab('i');
  importRoute = await import('@/app/api/lab/progress/import/route');
  lesson = await import('@/app/api/lab/lessons/[slug]/route');
  auth = await lab.claim();
});
afterAll(() => lab.stop());

const at = '2026-01-01T00:00:00.000Z';
const file = (items: unknown[]) => ({ format: 'scale-lab-progress', version: 1, exportedAt: at, items });
const send = (body: unknown) =>
  importRoute.POST(
    new Request('http://localhost/api/lab/progress/import', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const progressOf = async (slug: string) =>
  (
    await lesson.GET(new Request(`http://localhost/api/lab/lessons/${slug}`, { headers: auth }), {
      params: Promise.resolve({ slug }),
    })
  ).json();

describe('progress import', () => {
  it('never imports a check: a forged "passed" stays unpassed', async () => {
    const res = await send(
      file([
        {
          lesson: 'indexes',
          kind: 'check',
          item: 'index-speedup',
          value: { detail: 'forged', runIds: [] },
          updatedAt: at,
        },
      ]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 0, skippedChecks: 1 });
    const p = await progressOf('indexes');
    expect(p.checks.find((c: { id: string }) => c.id === 'index-speedup').passed).toBe(false);
  });

  it('grades quiz answers itself: a claimed "correct" for a wrong answer is not believed', async () => {
    const res = await send(
      file([
        { lesson: 'indexes', kind: 'quiz', item: 'scan-cost', value: { answer: 2, correct: true }, updatedAt: at },
      ]),
    );
    expect(res.status).toBe(200);
    const p = await progressOf('indexes');
    expect(p.quiz['scan-cost']).toMatchObject({ answer: 2, correct: false });
  });

  it('refuses items for lessons, questions or options that do not exist (422, nothing imported)', async () => {
    for (const item of [
      { lesson: 'no-such-lesson', kind: 'quiz', item: 'scan-cost', value: { answer: 0 }, updatedAt: at },
      { lesson: 'indexes', kind: 'quiz', item: 'no-such-question', value: { answer: 0 }, updatedAt: at },
      { lesson: 'indexes', kind: 'quiz', item: 'scan-cost', value: { answer: 7 }, updatedAt: at },
      { lesson: 'indexes', kind: 'prediction', item: 'index-gain', value: { choice: 'x'.repeat(150) }, updatedAt: at },
      { lesson: 'indexes', kind: 'note', item: 'index-gain', value: {}, updatedAt: at },
    ]) {
      const res = await send(file([item]));
      expect(res.status, JSON.stringify(item)).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('bounds counts and sizes: 501 items is 422, a body over 1 MiB is 413', async () => {
    const many = Array.from({ length: 501 }, () => ({
      lesson: 'indexes',
      kind: 'quiz',
      item: 'scan-cost',
      value: { answer: 0 },
      updatedAt: at,
    }));
    expect((await send(file(many))).status).toBe(422);
    const huge = JSON.stringify(
      file([
        {
          lesson: 'indexes',
          kind: 'prediction',
          item: 'index-gain',
          value: { choice: 'x'.repeat(2 * 1024 * 1024) },
          updatedAt: at,
        },
      ]),
    );
    expect((await send(huge)).status).toBe(413);
  });

  it('imports a real prediction', async () => {
    const res = await send(
      file([
        {
          lesson: 'indexes',
          kind: 'prediction',
          item: 'index-gain',
          value: { choice: 'It drops by 10x or more' },
          updatedAt: at,
        },
      ]),
    );
    expect(await res.json()).toMatchObject({ imported: 1 });
  });
});
