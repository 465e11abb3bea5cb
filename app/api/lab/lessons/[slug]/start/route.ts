import { lessonAction } from '@/lib/lessons/lesson-route';
import { appContext } from '@/lib/main-thread/store';
import { applyLessonStart } from '@/lib/lessons/start-service';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]/start');

/** "Apply lesson start": the lesson's starting knobs on the learner's sandbox (data untouched), and a new lesson epoch. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return lessonAction(await appContext(), request, params, ({ rt, lab, who, lesson }) =>
    applyLessonStart(rt, lab, who, lesson, new Date()),
  );
}
