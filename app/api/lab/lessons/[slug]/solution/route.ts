import { problemResponse, readyLab, requireLearner, withLab } from '@/lib/api/control-http';
import { applyKnobPatch } from '@/lib/knobs/apply';
import { findLesson } from '@/lib/lessons/loader';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** "Show me": apply the lesson's solution knobs on top of the learner's current ones. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const lesson = findLesson((await params).slug);
  if (!lesson) return problemResponse('not-found', 'There is no such lesson.', request);
  if (!lesson.frontmatter.solution) return problemResponse('not-found', 'This lesson has no solution preset.', request);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  const solution = lesson.frontmatter.solution;
  return withLab(request, async () => Response.json(await applyKnobPatch(rt, lab.lab, who.record.id, solution), { headers: { 'cache-control': 'no-store' } }));
}
