import { readJson, requireLearner } from '@/lib/api/control-http';
import { importProgress, progressFileSchema } from '@/lib/lessons/progress';
import { appRuntime } from '@/lib/runtime';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/progress/import');

/** Merge an exported progress file into the caller's progress (newer items win). */
export async function POST(request: Request) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const file = await readJson(request, progressFileSchema);
  if (!file.ok) return file.response;
  return Response.json(importProgress(rt.appDb, who.record.learnerId, file.data), { headers: { 'cache-control': 'no-store' } });
}
