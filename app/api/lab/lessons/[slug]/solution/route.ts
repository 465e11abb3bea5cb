import { problemResponse } from '@/lib/control/http';
import { applyKnobPatch } from '@/lib/control/apply-knobs';
import { lessonAction } from '@/lib/lessons/lesson-route';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]/solution');

/** "Show me": apply the lesson's solution knobs on top of the learner's current ones. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return lessonAction(await appContext(), request, params, async ({ rt, lab, who, lesson }) => {
    const solution = lesson.frontmatter.solution;
    if (!solution) return problemResponse('not-found', 'This lesson has no solution preset.', request);
    return applyKnobPatch(rt, lab, who.sandboxId, solution);
  });
}
