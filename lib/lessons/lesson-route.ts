import { problemResponse, readyLab, requireLearner, withLab } from '../control/http';
import type { LabHost } from '../lab-server/host';
import { findLesson, type Lesson } from './loader';
import type { LessonRuntime } from './repository-port';
import type { LessonLearner } from './start-service';

export type LessonAction = { rt: LessonRuntime; lab: LabHost; who: LessonLearner; lesson: Lesson; request: Request };

/**
 * The shared front half of a lesson action that changes knobs (visit, start, solution): a
 * learner within the settings-write budget, a lesson that exists, a lab that is up. `act`
 * answers a JSON body or a ready Response (a problem of its own).
 */
export async function lessonAction(
  rt: LessonRuntime,
  request: Request,
  params: Promise<{ slug: string }>,
  act: (a: LessonAction) => Promise<Response | object>,
): Promise<Response> {
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const lesson = findLesson((await params).slug);
  if (!lesson) return problemResponse('not-found', 'There is no such lesson.', request);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  const learner = { learnerId: who.record.learnerId, sandboxId: who.record.id };
  return withLab(request, async () => {
    const out = await act({ rt, lab: lab.lab, who: learner, lesson, request });
    return out instanceof Response ? out : Response.json(out, { headers: { 'cache-control': 'no-store' } });
  });
}
