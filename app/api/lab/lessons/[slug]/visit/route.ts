import { lessonAction } from '@/lib/lessons/lesson-route';
import { visitLesson } from '@/lib/lessons/start-service';

export const dynamic = 'force-dynamic';

/**
 * The lesson page opened: on the first visit, apply the lesson's start (answering what changed,
 * for Undo); later, say how the learner's sandbox differs from it. Takes no body.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return lessonAction(request, params, ({ rt, lab, who, lesson }) => visitLesson(rt, lab, who, lesson, new Date()));
}
