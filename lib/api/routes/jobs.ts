import { getJob, jobsAhead, type JobRow } from '../../db/queries/jobs';
import type { QueryRecorder } from '../../db/recorder';
import type { KnobSettings } from '../../knobs/schema';
import { retryAfterSeconds, type JobResult } from '../order-writes';
import { problem, type ProblemBody } from '../problem';
import { json } from '../respond';
import type { HandlerContext, Route } from '../router';
import { parseId } from '../validate';

/** A job as the status monitor shows it: where it is, and once done, the order or the problem. */
export type JobView = {
  id: number;
  status: JobRow['status'];
  attempts: number;
  created_at: string;
  updated_at: string;
  order_id: number | null;
  order_url: string | null;
  error: ProblemBody | null;
};

export function jobView(job: JobRow): JobView {
  const result = job.result ? (JSON.parse(job.result) as Partial<JobResult>) : null;
  const orderId = result && 'order_id' in result && typeof result.order_id === 'number' ? result.order_id : null;
  return {
    id: job.id,
    status: job.status,
    attempts: job.attempts,
    created_at: job.created_at,
    updated_at: job.updated_at,
    order_id: orderId,
    order_url: orderId === null ? null : `/api/v1/orders/${orderId}`,
    // A queued job may carry the error of an attempt that will be retried; show it only once final.
    error: job.status === 'failed' && result && 'problem' in result ? (result.problem ?? null) : null,
  };
}

/** Headers of a status-monitor answer: where it lives, and while pending, when to ask again. */
export function jobHeaders(q: QueryRecorder, job: JobRow, writes: KnobSettings['writes']): Record<string, string> {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (job.status === 'queued' || job.status === 'running') {
    headers['retry-after'] = String(retryAfterSeconds(jobsAhead(q, job.id), writes.processingMs, writes.workers));
  }
  return headers;
}

/**
 * GET /jobs/{id} always answers 200 with the job, and a finished job links its order in the
 * body (order_url). A 303 See Other to the order is the other common design, but fetch() and
 * most HTTP clients follow it silently, so a poller could not tell "done" from "still
 * waiting" without extra work, and a failed job has no order to send anyone to.
 */
function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const job = getJob(ctx.q, id.data);
  if (!job) return problem('not-found', `Job ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, jobView(job), jobHeaders(ctx.q, job, ctx.settings.writes));
}

export const jobRoutes: Route[] = [{ method: 'GET', pattern: '/jobs/{id}', handler: show }];
