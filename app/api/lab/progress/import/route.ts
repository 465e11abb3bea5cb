import { problemResponse, readJson, requireLearner } from '@/lib/control/http';
import { otherMethods } from '@/lib/api/control-routes';
import { IMPORT_BODY_LIMIT } from '@/lib/control/body';
import { importVetted, progressImportSchema, vetImport } from '@/lib/lessons/progress-import';
import { appContext } from '@/lib/main-thread/store';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/progress/import');

/** Merge an exported progress file into the caller's progress (newer items win; checks are skipped). */
export async function POST(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const file = await readJson(request, progressImportSchema, { limit: IMPORT_BODY_LIMIT });
  if (!file.ok) return file.response;
  const vetted = vetImport(file.data);
  if (!vetted.ok) {
    return problemResponse(
      'validation-failed',
      'Some items do not match the course: nothing was imported.',
      request,
      {},
      vetted.problems.map((p) => ({
        field: p.pointer.slice(2).replaceAll('/', '.'),
        in: 'body',
        detail: p.detail,
        pointer: p.pointer,
      })),
    );
  }
  const result = await importVetted(rt.repo.progress, who.record.learnerId, vetted.items);
  return Response.json(
    { ...result, skippedChecks: vetted.skippedChecks },
    { headers: { 'cache-control': 'no-store' } },
  );
}
