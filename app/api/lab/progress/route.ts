import { requestToken, requireLearner } from '@/lib/control/http';
import { courseProgress } from '@/lib/lessons/service';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/progress');

/** Progress across the course, for the course map. A visitor with no identity yet has none. */
export async function GET(request: Request) {
  const rt = await appContext();
  if (!requestToken(request)) return Response.json({ lessons: {} }, { headers: { 'cache-control': 'no-store' } });
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  return Response.json(
    { lessons: await courseProgress(rt.repo, who.record.learnerId) },
    { headers: { 'cache-control': 'no-store' } },
  );
}
