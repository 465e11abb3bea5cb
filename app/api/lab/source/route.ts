import { problemResponse, requireLearner } from '@/lib/control/http';
import { readSourceSnapshot } from '@/lib/source-view/sources';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods('/api/lab/source');

/**
 * The source files of the pipeline stages, as built: GET lists them, GET ?path=… returns
 * one. The build snapshot is the allow-list; no path from a request touches the disk.
 */
export async function GET(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const snapshot = readSourceSnapshot();
  if (!snapshot)
    return problemResponse(
      'lab-unavailable',
      'This build has no source snapshot; run `npm run build:workers`.',
      request,
      { 'retry-after': '60' },
    );
  // The snapshot only changes with a rebuild: let the browser keep it for a while.
  const headers = { 'cache-control': 'private, max-age=300' };
  const wanted = new URL(request.url).searchParams.get('path');
  if (wanted === null) {
    return Response.json(
      { builtAt: snapshot.builtAt, files: snapshot.files.map(({ text: _text, ...meta }) => meta) },
      { headers },
    );
  }
  const file = snapshot.files.find((f) => f.path === wanted);
  if (!file)
    return problemResponse(
      'not-found',
      `No source file ${wanted} in this build; GET /api/lab/source lists them.`,
      request,
    );
  return Response.json({ builtAt: snapshot.builtAt, ...file }, { headers });
}
