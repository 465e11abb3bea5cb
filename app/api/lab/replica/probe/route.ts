import { problemResponse, readJson, readyLab, requestToken, requireLearner, withLab } from '@/lib/control/http';
import { loadLessons } from '@/lib/lessons/loader';
import { recordProbeChecks } from '@/lib/lessons/replica-probe-checks';
import { probeRequestSchema } from '@/lib/replica/probe-schema';
import { probeReplica, ProbeSetupError } from '@/lib/control/replica-probe';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/replica/probe');

/**
 * The read-your-writes probe: K real orders placed on the caller's own API, each read back
 * at once by the writer and by another client. Counts the reads that missed the write.
 */
export async function POST(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'run-start');
  if (!who.ok) return who.response;
  const body = await readJson(request, probeRequestSchema);
  if (!body.ok) return body.response;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  const token = requestToken(request) ?? '';
  return withLab(request, async () => {
    try {
      const result = await probeReplica(rt, lab.lab, who.record.id, token, body.data.pairs);
      // Measured here, on the server: a lesson's probe checks pass from this result, never from the client's word.
      const checksPassed = await recordProbeChecks(rt.repo.progress, who.record.learnerId, loadLessons(), result);
      return Response.json({ ...result, checksPassed }, { headers: { 'cache-control': 'no-store' } });
    } catch (err) {
      if (err instanceof ProbeSetupError) return problemResponse('conflict', err.message, request);
      throw err;
    }
  });
}
