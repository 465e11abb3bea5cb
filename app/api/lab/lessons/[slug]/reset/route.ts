import { problemResponse, readyLab, requireLearner, withLab } from '@/lib/control/http';
import { applyKnobPatch } from '@/lib/control/apply-knobs';
import { findLesson } from '@/lib/lessons/loader';
import { resetSandbox } from '@/lib/control/sandbox-service';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/lessons/[slug]/reset');

/** One click back to the lesson's start: a fresh sandbox and the lesson's knob preset. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'sandbox-reset');
  if (!who.ok) return who.response;
  const lesson = findLesson((await params).slug);
  if (!lesson) return problemResponse('not-found', 'There is no such lesson.', request);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return withLab(request, async () => {
    const reset = await resetSandbox(rt, lab.lab, who.record.id);
    const knobs = await applyKnobPatch(rt, lab.lab, who.record.id, lesson.frontmatter.preset, 'defaults');
    // A reset starts the lesson over: its verdicts read only runs from here on.
    await rt.repo.epochs.mark(who.record.learnerId, lesson.slug, new Date());
    return Response.json(
      { ...knobs, resetAt: reset.resetAt, resetMs: reset.ms },
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}
