import { problemResponse, requireLearner } from '@/lib/control/http';
import { runManager } from '@/lib/main-thread/run-manager';
import { runEventStream } from '@/lib/runs/sse';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';
import { findLesson } from '@/lib/lessons/loader';
import { lessonProgress } from '@/lib/lessons/service';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts);
// HEAD too, as on every event stream (EVENT_STREAM_ROUTES there says why).
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/runs/[id]/events');

/**
 * Live per-second stats of one of the caller's runs as Server-Sent Events. If the learner
 * closes the page, the run stops by itself shortly after. A run started from a lesson ends
 * with that lesson's progress in its `done` event (checks evaluated against the run just
 * stored), so the page ticks a check with the summary instead of asking again after it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const { id } = await params;
  const learnerId = who.record.learnerId;
  if (!runManager().activeFor(learnerId, id) && !(await rt.repo.runs.get(learnerId, id))) {
    return problemResponse('not-found', `You have no run ${id}.`, request);
  }
  return runEventStream(
    (fn) => runManager().subscribe(learnerId, id, fn),
    () => rt.repo.runs.get(learnerId, id),
    async (run) => {
      const lesson = run.lesson ? findLesson(run.lesson) : undefined;
      if (!lesson) return {};
      return { lesson: { slug: lesson.slug, progress: await lessonProgress(rt.repo, learnerId, lesson) } };
    },
    request.signal,
  );
}
