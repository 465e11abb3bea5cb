import { z } from 'zod';
import { problemResponse, readJson, requireLearner } from '@/lib/control/http';
import { findLesson } from '@/lib/lessons/loader';
import { predictionValueSchema } from '@/lib/lessons/progress';
import { lessonWidgets } from '@/lib/lessons/widgets';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, POST, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]/items');

// Checks are never written by a client: only predictions and quiz answers are. A quiz answer
// is the index of the option as authored; whether it is right is decided here, from the MDX.
const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('prediction'),
    item: z.string().regex(/^[a-z0-9-]{1,80}$/),
    value: predictionValueSchema,
  }),
  z.strictObject({
    kind: z.literal('quiz'),
    item: z.string().regex(/^[a-z0-9-]{1,80}$/),
    value: z.strictObject({ answer: z.number().int().min(0).max(20) }),
  }),
]);

/** Record a prediction (committed before the run) or a quiz answer. */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const lesson = findLesson((await params).slug);
  if (!lesson) return problemResponse('not-found', 'There is no such lesson.', request);
  const body = await readJson(request, itemSchema);
  if (!body.ok) return body.response;
  const updatedAt = new Date().toISOString();
  const item = body.data;
  if (item.kind === 'prediction') {
    await rt.repo.progress.put(who.record.learnerId, [{ lesson: lesson.slug, ...item, updatedAt }]);
    return Response.json({ ...item, updatedAt }, { headers: { 'cache-control': 'no-store' } });
  }
  const quiz = lessonWidgets(lesson).quizzes.find((q) => q.id === item.item);
  if (!quiz) return problemResponse('not-found', `This lesson has no quiz "${item.item}".`, request);
  const option = quiz.options[item.value.answer];
  if (!option)
    return problemResponse(
      'validation-failed',
      `The quiz "${quiz.id}" has ${quiz.options.length} options: answer must be 0 to ${quiz.options.length - 1}.`,
      request,
    );
  const value = { answer: item.value.answer, correct: option.correct };
  await rt.repo.progress.put(who.record.learnerId, [
    { lesson: lesson.slug, kind: 'quiz', item: quiz.id, value, updatedAt },
  ]);
  return Response.json({ kind: 'quiz', item: quiz.id, value, updatedAt }, { headers: { 'cache-control': 'no-store' } });
}
