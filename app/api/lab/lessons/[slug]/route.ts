import { problemResponse, requireLearner } from '@/lib/control/http';
import { findLesson } from '@/lib/lessons/loader';
import { lessonProgress } from '@/lib/lessons/service';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]');

/** The caller's progress in one lesson, with its checks evaluated against their own runs. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const lesson = findLesson((await params).slug);
  if (!lesson) return problemResponse('not-found', 'There is no such lesson.', request);
  // The lesson page polls this: it doubles as "where is this learner now" for the instructor.
  await rt.repo.learners.markPresence(who.record.learnerId, lesson.slug, new Date());
  return Response.json(await lessonProgress(rt.repo, who.record.learnerId, lesson), {
    headers: { 'cache-control': 'no-store' },
  });
}
