import { readJson, readyLab, requireLearner, withLab } from '@/lib/control/http';
import { applyKnobPatch } from '@/lib/control/apply-knobs';
import { readKnobs } from '@/lib/control/read-knobs';
import { settingsPatchSchema } from '@/lib/knobs/schema';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, POST, PUT, DELETE } = otherMethods('/api/lab/settings');

const noStore = { 'cache-control': 'no-store' };

/** The knobs of the caller's sandbox, the state of its indexes, cache and limiter. */
export async function GET(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return Response.json(
    { sandboxId: who.record.id, ...(await readKnobs(rt, lab.lab, who.record.id)) },
    { headers: noStore },
  );
}

/**
 * Change some knobs. The whole patch is validated first (422 names every bad field and
 * changes nothing); indexes are really created or dropped on the sandbox.
 */
export async function PATCH(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'settings-write');
  if (!who.ok) return who.response;
  const patch = await readJson(request, settingsPatchSchema);
  if (!patch.ok) return patch.response;
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  return withLab(request, async () =>
    Response.json(await applyKnobPatch(rt, lab.lab, who.record.id, patch.data), { headers: noStore }),
  );
}
