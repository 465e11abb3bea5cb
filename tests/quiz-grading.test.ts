import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';

/**
 * Quizzes are graded on the server from the lesson's MDX: the browser sends which option
 * (as authored) was chosen, never whether it was right. Real route handlers.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let items: typeof import('@/app/api/lab/lessons/[slug]/items/route');
let lesson: typeof import('@/app/api/lab/lessons/[slug]/route');
let auth: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('q');
  items = await import('@/app/api/lab/lessons/[slug]/items/route');
  lesson = await import('@/app/api/lab/lessons/[slug]/route');
  auth = await testLab.claim();
});
afterAll(() => testLab.stop());

const ctx = { params: Promise.resolve({ slug: 'indexes' }) };
const put = (body: unknown) =>
  items.PUT(
    new Request('http://localhost/api/lab/lessons/indexes/items', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    ctx,
  );
const progress = async () =>
  (await lesson.GET(new Request('http://localhost/api/lab/lessons/indexes', { headers: auth }), ctx)).json();

describe('PUT /api/lab/lessons/[slug]/items (quiz)', () => {
  it('grades the chosen option from the MDX', async () => {
    // scan-cost: option 0 is right as authored, 1 and 2 are not.
    const wrong = await put({ kind: 'quiz', item: 'scan-cost', value: { answer: 2 } });
    expect(wrong.status).toBe(200);
    expect((await wrong.json()).value).toEqual({ answer: 2, correct: false });
    expect((await progress()).quiz['scan-cost']).toMatchObject({ answer: 2, correct: false });
    const right = await put({ kind: 'quiz', item: 'scan-cost', value: { answer: 0 } });
    expect((await right.json()).value).toEqual({ answer: 0, correct: true });
  });

  it('refuses a client that says whether it was right, an unknown quiz and an option that does not exist', async () => {
    const claims = await put({ kind: 'quiz', item: 'scan-cost', value: { answer: 2, correct: true } });
    expect(claims.status).toBe(422);
    expect(claims.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await put({ kind: 'quiz', item: 'no-such-quiz', value: { answer: 0 } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const outOfRange = await put({ kind: 'quiz', item: 'scan-cost', value: { answer: 3 } });
    expect(outOfRange.status).toBe(422);
    expect((await outOfRange.json()).detail).toContain('3 options');
  });

  it("gives each quiz this learner's own order of its options, the same on every read", async () => {
    const first = (await progress()).quizOrder;
    expect(Object.keys(first).sort()).toEqual(['index-tradeoff', 'scan-cost']);
    for (const order of Object.values(first) as number[][]) expect([...order].sort()).toEqual([0, 1, 2]);
    expect((await progress()).quizOrder).toEqual(first);
  });
});
