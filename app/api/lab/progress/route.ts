import { requestToken, requireLearner } from '@/lib/control/http';
import { courseProgress } from '@/lib/lessons/service';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Progress across the course, for the course map. A visitor with no identity yet has none. */
export async function GET(request: Request) {
  const rt = appRuntime();
  if (!requestToken(request)) return Response.json({ lessons: {} }, { headers: { 'cache-control': 'no-store' } });
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  return Response.json({ lessons: courseProgress(rt, who.record.learnerId) }, { headers: { 'cache-control': 'no-store' } });
}
