import { requireLearner } from '@/lib/control/http';
import type { ProgressFile } from '@/lib/lessons/progress';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/progress/export');

/** The learner's progress as a file they can take to another machine. */
export async function GET(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const file: ProgressFile = {
    format: 'scale-lab-progress',
    version: 1,
    exportedAt: new Date().toISOString(),
    items: await rt.repo.progress.list(who.record.learnerId),
  };
  return new Response(JSON.stringify(file, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="scale-lab-progress-${file.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
}
