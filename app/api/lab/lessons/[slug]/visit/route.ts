import { lessonAction } from '@/lib/lessons/lesson-route';
import { appContext } from '@/lib/main-thread/store';
import { visitLesson } from '@/lib/lessons/start-service';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]/visit');

/**
 * The lesson page opened: on the first visit, apply the lesson's start (answering what changed,
 * for Undo); later, say how the learner's sandbox differs from it. Takes no body.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return lessonAction(await appContext(), request, params, ({ rt, lab, who, lesson }) =>
    visitLesson(rt, lab, who, lesson, new Date()),
  );
}
