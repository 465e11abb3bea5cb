import { z } from 'zod';
import { problemResponse, readJson, requireLearner } from '@/lib/api/control-http';
import { findLesson } from '@/lib/lessons/loader';
import { predictionValueSchema, quizValueSchema, saveProgressItem } from '@/lib/lessons/progress';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, POST, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]/items');

// Checks are never written by a client: only predictions and quiz answers are.
const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('prediction'), item: z.string().regex(/^[a-z0-9-]{1,80}$/), value: predictionValueSchema }),
  z.strictObject({ kind: z.literal('quiz'), item: z.string().regex(/^[a-z0-9-]{1,80}$/), value: quizValueSchema }),
]);

/** Record a prediction (committed before the run) or a quiz answer. */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const lesson = findLesson((await params).slug);
  if (!lesson) return problemResponse('not-found', 'There is no such lesson.', request);
  const body = await readJson(request, itemSchema);
  if (!body.ok) return body.response;
  const updatedAt = new Date().toISOString();
  saveProgressItem(rt.appDb, who.record.learnerId, { lesson: lesson.slug, ...body.data, updatedAt } as Parameters<typeof saveProgressItem>[2]);
  return Response.json({ ...body.data, updatedAt }, { headers: { 'cache-control': 'no-store' } });
}
