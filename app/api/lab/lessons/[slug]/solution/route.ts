import { problemResponse } from '@/lib/control/http';
import { applyKnobPatch } from '@/lib/control/apply-knobs';
import { lessonAction } from '@/lib/lessons/lesson-route';

export const dynamic = 'force-dynamic';

/** "Show me": apply the lesson's solution knobs on top of the learner's current ones. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return lessonAction(request, params, async ({ rt, lab, who, lesson }) => {
    const solution = lesson.frontmatter.solution;
    if (!solution) return problemResponse('not-found', 'This lesson has no solution preset.', request);
    return applyKnobPatch(rt, lab, who.sandboxId, solution);
  });
}
