import { readJson, requireLearner } from '@/lib/control/http';
import { importProgress, progressFileSchema } from '@/lib/lessons/progress';
import { appRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Merge an exported progress file into the caller's progress (newer items win). */
export async function POST(request: Request) {
  const rt = appRuntime();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const file = await readJson(request, progressFileSchema);
  if (!file.ok) return file.response;
  return Response.json(importProgress(rt.appDb, who.record.learnerId, file.data), { headers: { 'cache-control': 'no-store' } });
}
