import { z } from 'zod';
import { problemResponse, readJson, requireLearner, withLab } from '@/lib/control/http';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { toFetchResponse } from '@/lib/api/fetch-adapter';
import { intParam, parseQuery } from '@/lib/api/validate';
import { findLesson } from '@/lib/lessons/loader';
import { makeLoadProfileSchema } from '@/lib/load/profile';
import { runManager } from '@/lib/main-thread/run-manager';
import { appContext } from '@/lib/main-thread/store';
import { otherMethods } from '@/lib/api/control-routes';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods('/api/lab/runs');

/**
 * The profile schema with this server's limits. Load through the front door is capped lower:
 * it runs on the main thread, the one that serves every learner's pages and charts.
 */
function runProfileSchema(load: { maxRunSeconds: number; frontDoorMaxRate: number }) {
  const max = load.frontDoorMaxRate;
  return makeLoadProfileSchema({ maxDurationSec: load.maxRunSeconds }).superRefine((p, ctx) => {
    if (p.target !== 'front-door') return;
    if (p.model === 'constant-arrival' && p.rate > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['rate'],
        message: `must be at most ${max} requests/s through the front door: it shares the thread that serves everyone's pages`,
      });
    }
    if (p.model === 'virtual-users' && p.users > Math.max(1, Math.floor(max / 10))) {
      ctx.addIssue({
        code: 'custom',
        path: ['users'],
        message: `must be at most ${Math.max(1, Math.floor(max / 10))} users through the front door: it shares the thread that serves everyone's pages`,
      });
    }
  });
}

/** `?lesson=<slug>`: the lesson page the run starts from (its verdicts read only its own runs). */
const startQuery = z.strictObject({
  lesson: z
    .string()
    .max(80)
    .refine((slug) => findLesson(slug) !== undefined, 'must be the slug of a lesson in this course')
    .optional(),
});

/** Start a load run against the caller's own sandbox. */
export async function POST(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'run-start');
  if (!who.ok) return who.response;
  const url = new URL(request.url);
  const query = parseQuery(startQuery, url.searchParams, url.pathname);
  if (!query.ok) return toFetchResponse(query.response);
  const profile = await readJson(request, runProfileSchema(rt.config.load));
  if (!profile.ok) return profile.response;
  return withLab(request, () => startRun(request, who.record, profile.data, query.data.lesson ?? null));
}

async function startRun(
  request: Request,
  record: { learnerId: string; id: string },
  profile: Parameters<ReturnType<typeof runManager>['start']>[1],
  lesson: string | null,
) {
  const result = await runManager().start({ learnerId: record.learnerId, sandboxId: record.id }, profile, lesson);
  if (result.ok) {
    return Response.json(
      { run: result.run },
      { status: 201, headers: { location: `/api/lab/runs/${result.run.id}`, 'cache-control': 'no-store' } },
    );
  }
  if (result.reason === 'learner-busy') {
    return problemResponse(
      'rate-limited',
      `You already have a run going (${result.runId}). Stop it or wait for it to finish; one run per learner keeps the measurements honest.`,
      request,
      { 'retry-after': '5' },
    );
  }
  if (result.reason === 'invalid') {
    // Checked before anything starts: a run the server can never carry is refused, not started and failed.
    return problemResponse(
      'validation-failed',
      `The load profile cannot run on this server: ${result.field} ${result.detail}.`,
      request,
      {},
      [{ field: result.field, in: 'body', detail: result.detail, pointer: `#/${result.field}` }],
    );
  }
  if (result.reason === 'paused') {
    return problemResponse(
      'lab-unavailable',
      'Your instructor has paused load for the room. Carry on reading; runs will be possible again when load is resumed.',
      request,
      { 'retry-after': '30' },
    );
  }
  if (result.reason === 'server-busy') {
    return problemResponse('lab-unavailable', `${result.detail} Try again in ${result.retryAfterS} s.`, request, {
      'retry-after': String(result.retryAfterS),
    });
  }
  return problemResponse(
    'lab-unavailable',
    'The lab server or the load generator is not ready yet; try again in a few seconds.',
    request,
    { 'retry-after': '2' },
  );
}

const listQuery = z.strictObject({ limit: intParam(1, 50, 20), cursor: z.string().max(512).optional() });

/** The caller's runs, newest first, paginated by cursor. */
export async function GET(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'control-read');
  if (!who.ok) return who.response;
  const url = new URL(request.url);
  const query = parseQuery(listQuery, url.searchParams, url.pathname);
  if (!query.ok) return toFetchResponse(query.response);
  const secret = Buffer.from(rt.secret);
  let after: { createdAt: string; id: number } | undefined;
  if (query.data.cursor) {
    const decoded = decodeCursor(query.data.cursor, secret, { sort: '-created_at' });
    if (!decoded.ok)
      return problemResponse(
        'invalid-parameters',
        'The cursor is not valid; use nextCursor from the previous page unchanged.',
        request,
      );
    after = decoded.key;
  }
  const page = await rt.repo.runs.list(who.record.learnerId, query.data.limit, after);
  const nextCursor = page.hasMore && page.last ? encodeCursor(page.last, secret, { sort: '-created_at' }) : null;
  return Response.json(
    {
      data: page.rows.map(({ seconds: _seconds, ...rest }) => rest),
      pagination: { limit: query.data.limit, nextCursor, hasMore: page.hasMore },
    },
    {
      headers: {
        'cache-control': 'no-store',
        ...(nextCursor ? { link: `</api/lab/runs?limit=${query.data.limit}&cursor=${nextCursor}>; rel="next"` } : {}),
      },
    },
  );
}
