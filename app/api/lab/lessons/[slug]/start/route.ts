import { lessonAction } from '@/lib/lessons/lesson-route';
import { applyLessonStart } from '@/lib/lessons/start-service';

export const dynamic = 'force-dynamic';

/** "Apply lesson start": the lesson's starting knobs on the learner's sandbox (data untouched), and a new lesson epoch. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return lessonAction(request, params, ({ rt, lab, who, lesson }) => applyLessonStart(rt, lab, who, lesson, new Date()));
}
