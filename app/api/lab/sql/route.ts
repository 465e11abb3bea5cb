import { readJson, readyLab, requireLearner } from '@/lib/control/http';
import { toFetchResponse } from '@/lib/api/fetch-adapter';
import { problem } from '@/lib/api/problem';
import { checkSql } from '@/lib/sql-console/guard';
import { sqlRequestSchema, type SqlConsoleResult } from '@/lib/sql-console/schema';
import { runConsoleStatement, type ConsoleOutcome } from '@/lib/sql-console/service';
import { appContext } from '@/lib/main-thread/store';
import { consoleIndexRunner } from '@/lib/control/console-indexes';
import { otherMethods } from '@/lib/api/control-routes';
import { LOCK_RETRY_AFTER_S } from '@/lib/db/lock-conflict';

export const dynamic = 'force-dynamic';
// Methods this route does not serve answer 405 problem+json with Allow (lib/api/control-routes.ts).
export const { OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods('/api/lab/sql');

const noStore = { 'cache-control': 'no-store' };

/**
 * Failures as problem+json. A refused statement and one stopped at its time limit are both
 * 422: the request was well formed but its `sql` cannot be processed within the console's
 * rules. (408 would say the client was too slow to send its request, which it was not.)
 */
function failure(outcome: Exclude<ConsoleOutcome, { ok: true }>, request: Request): Response {
  const instance = new URL(request.url).pathname;
  const sqlField = (detail: string) => [{ field: 'sql', in: 'body' as const, pointer: '/sql', detail }];
  switch (outcome.code) {
    case 'refused':
    case 'sqlite':
      return toFetchResponse(
        problem('validation-failed', outcome.message, {
          instance,
          errors: sqlField(outcome.message),
          sqlError: outcome.code,
        }),
      );
    case 'timeout':
      return toFetchResponse(
        problem('validation-failed', outcome.message, {
          instance,
          errors: sqlField(outcome.message),
          sqlError: 'timeout',
          limitMs: outcome.limitMs,
        }),
      );
    case 'schema-busy':
      return toFetchResponse(
        problem('conflict', outcome.message, { instance, sqlError: 'busy', headers: { 'retry-after': '2' } }),
      );
    case 'locked':
      // The index builder's long queue asks for longer than a held write lock (lib/db/lock-conflict.ts).
      return toFetchResponse(
        problem('lab-unavailable', outcome.message, {
          instance,
          sqlError: 'busy',
          headers: { 'retry-after': String(('retryAfterS' in outcome && outcome.retryAfterS) || LOCK_RETRY_AFTER_S) },
        }),
      );
    case 'in-flight':
      return toFetchResponse(
        problem('rate-limited', outcome.message, { instance, sqlError: 'busy', headers: { 'retry-after': '1' } }),
      );
    case 'busy':
    case 'missing':
      return toFetchResponse(
        problem('lab-unavailable', outcome.message, {
          instance,
          sqlError: outcome.code,
          headers: { 'retry-after': '2' },
        }),
      );
    case 'crashed':
      return toFetchResponse(problem('internal', outcome.message, { instance }));
  }
}

/** Runs one statement of the learner's SQL on their own sandbox, in a runner process with a time limit. */
export async function POST(request: Request) {
  const rt = await appContext();
  const who = await requireLearner(rt, request, 'sql-console');
  if (!who.ok) return who.response;
  const body = await readJson(request, sqlRequestSchema);
  if (!body.ok) return body.response;
  // Refusals need neither the lab server nor a runner process.
  const verdict = checkSql(body.data.sql);
  if (!verdict.ok) return failure({ ok: false, code: 'refused', message: verdict.reason }, request);
  const lab = readyLab(request);
  if (!lab.ok) return lab.response;
  const sandboxId = who.record.id;
  const open = await lab.lab.call('sqlConsoleOpen', { sandboxId });
  if (!open.ready)
    return failure(
      { ok: false, code: 'busy', message: 'Your sandbox is being reset; try again in a moment.' },
      request,
    );

  // Index statements are built by the lab server (its index builder, under the sandbox's schema lock), and recorded.
  const runIndex = consoleIndexRunner(rt, lab.lab, sandboxId);
  const outcome = await runConsoleStatement({
    dataDir: rt.config.dataDir,
    sandboxId,
    sql: body.data.sql,
    page: body.data.page,
    runIndex,
  });
  if (!outcome.ok) return failure(outcome, request);
  const result: SqlConsoleResult = outcome.result;
  return Response.json(result, { headers: noStore });
}
