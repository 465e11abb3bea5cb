import { z } from 'zod';
import { readJson, requireLearner } from '@/lib/control/http';
import { toFetchResponse } from '@/lib/api/fetch-adapter';
import { parseQuery } from '@/lib/api/validate';
import { findLesson } from '@/lib/lessons/loader';
import { appContext } from '@/lib/main-thread/store';
import { latestMeasuredRun } from '@/lib/lessons/measured-run';
import { runLabSimulation } from '@/lib/sim/lab-sim';
import { simRequestSchema } from '@/lib/sim/schemas';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/sim');

/** `?lesson=<slug>`: the lesson page asking; its own runs feed the simulation, as they feed its checks. */
const simQuery = z.strictObject({
  lesson: z
    .string()
    .max(80)
    .refine((slug) => findLesson(slug) !== undefined, 'must be the slug of a lesson in this course')
    .optional(),
});

/** Simulate N instances of the caller's API, fed by the service times of their latest run. */
export async function POST(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'simulation');
  if (!who.ok) return who.response;
  const url = new URL(request.url);
  const query = parseQuery(simQuery, url.searchParams, url.pathname);
  if (!query.ok) return toFetchResponse(query.response);
  const body = await readJson(request, simRequestSchema);
  if (!body.ok) return body.response;
  const run = await latestMeasuredRun(rt.repo, who.record.learnerId, query.data.lesson);
  return Response.json(runLabSimulation(body.data, run), { headers: { 'cache-control': 'no-store' } });
}
