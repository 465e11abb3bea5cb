import { countQueued, findJobByKey, finishJob, insertJob, type JobRow } from '../../db/queries/jobs';
import { getOrder, listOrders } from '../../db/queries/orders';
import { QueryRecorder } from '../../db/recorder';
import { keyReused, parseIdempotencyKey } from '../idempotency';
import { orderRequestHash, placeOrder, retryAfterSeconds, slowWork, type PlacedOrder } from '../order-writes';
import { defineList, parseListRequest } from '../list-modes';
import { problem, problemBody, PROBLEM_CONTENT_TYPE, type ProblemBody } from '../problem';
import { jobHeaders, jobView } from './jobs';
import { json } from '../respond';
import type { HandlerContext, Route } from '../router';
import { isoTimestamp, orderCreate, toUtcIso } from '../schemas';
import { parseBody, parseId } from '../validate';
import { productKey } from './products';

const orderList = defineList({ since: isoTimestamp.optional(), until: isoTimestamp.optional() }, () => 'created_at');

function list(ctx: HandlerContext) {
  const req = parseListRequest(ctx, orderList, { scope: 'orders', basePath: '/orders' });
  if (!req.ok) return req.response;
  const since = toUtcIso(req.filters.since);
  const until = toUtcIso(req.filters.until);
  if (since && until && since > until) {
    const detail = 'since must not be after until';
    return problem('invalid-parameters', `${detail}.`, {
      instance: ctx.instance,
      errors: [{ field: 'since', in: 'query', detail }],
    });
  }
  return req.respond(listOrders(ctx.q, { since, until }, req.window));
}

function show(ctx: HandlerContext) {
  const id = parseId(ctx.params.id ?? '', 'id', ctx.instance);
  if (!id.ok) return id.response;
  const order = getOrder(ctx.q, id.data);
  if (!order) return problem('not-found', `Order ${id.data} does not exist.`, { instance: ctx.instance });
  return json(200, order);
}

/**
 * POST /orders does slow work (the writes.processingMs knob) before the order exists.
 * sync: the client waits for it, then gets 201 and the order. queued: the client gets 202
 * at once with a Location to the job; the lab server's worker does the work later.
 * With an Idempotency-Key, a repeat of the same request answers for the first one.
 */
async function create(ctx: HandlerContext) {
  const body = parseBody(orderCreate, ctx.body, ctx.instance);
  if (!body.ok) return body.response;
  const idem = parseIdempotencyKey(ctx.req.headers['idempotency-key'], ctx.instance);
  if (!idem.ok) return idem.response;
  const { key } = idem;
  const writes = ctx.settings.writes;
  const hash = orderRequestHash(body.data);
  const now = ctx.now().toISOString();
  // Lookup and insert run in one synchronous stretch (no await between), so two requests
  // with the same key cannot both miss the lookup; the UNIQUE column backs that up.
  if (key) {
    const earlier = findJobByKey(ctx.q, key);
    if (earlier) return replay(ctx, earlier, hash);
  }
  if (writes.mode === 'queued') {
    // A bounded queue: past its limit a client is told at once to come back, rather than
    // handed a job that waits longer than anyone would. Counted and inserted with no await between.
    const waiting = countQueued(ctx.q);
    if (waiting >= writes.queueLimit) {
      return problem(
        'queue-full',
        `${waiting} orders are waiting, as many as the queue holds. Nothing was ordered; retry after the seconds in Retry-After.`,
        {
          instance: ctx.instance,
          headers: {
            'retry-after': String(
              retryAfterSeconds(waiting - writes.queueLimit + 1, writes.processingMs, writes.workers),
            ),
          },
        },
      );
    }
    const job = insertJob(ctx.q, { payload: body.data, requestHash: hash, idempotencyKey: key, now });
    ctx.jobs.kick(ctx.sandboxId);
    return accepted(ctx, job);
  }
  const job = key
    ? insertJob(ctx.q, { payload: body.data, requestHash: hash, idempotencyKey: key, now }, 'running')
    : undefined;
  await slowWork(writes.processingMs);
  // The wait may have outlived this request's database handle (the pool closes idle ones).
  const q = ctx.q.db.open ? ctx.q : new QueryRecorder(ctx.jobs.db(ctx.sandboxId));
  let result: PlacedOrder;
  try {
    result = placeOrder(q, body.data, ctx.now().toISOString(), ctx.instance, job);
  } catch (err) {
    // A keyed job must not stay 'running' for ever: its retries would get 409 until the end of time.
    if (job)
      finishJob(
        q,
        job.id,
        'failed',
        { problem: problemBody('internal', 'Placing the order failed; the error was logged.') },
        ctx.now().toISOString(),
      );
    throw err;
  }
  if (!result.ok) return problemResponse(result.problem);
  // The product's cached sales stats (and stock) just changed: drop them.
  ctx.cache.invalidate(productKey(body.data.product_id));
  return json(201, result.order, { location: `${ctx.base}/orders/${result.order.id}` });
}

// Jobs are a v1 resource only (v2 did not change them), so a v2 write links to the v1 job.
function accepted(ctx: HandlerContext, job: JobRow) {
  return json(202, jobView(job), {
    location: `/api/v1/jobs/${job.id}`,
    ...jobHeaders(ctx.q, job, ctx.settings.writes),
  });
}

/** The same key again: the same body gets the first answer, a different body a 422. */
function replay(ctx: HandlerContext, job: JobRow, hash: string) {
  if (job.request_hash !== hash) return keyReused(ctx.instance);
  const view = jobView(job);
  if (job.status === 'succeeded' && view.order_id !== null) {
    const order = getOrder(ctx.q, view.order_id);
    if (order) return json(201, order, { location: `${ctx.base}/orders/${order.id}`, 'idempotent-replayed': 'true' });
  }
  if (job.status === 'failed' && view.error) return problemResponse(view.error, { 'idempotent-replayed': 'true' });
  // Still in flight. A queued write answers as it did the first time; a synchronous client
  // is told the first request is still being worked on (409, as the draft suggests).
  if (ctx.settings.writes.mode === 'queued') {
    const res = accepted(ctx, job);
    res.headers['idempotent-replayed'] = 'true';
    return res;
  }
  return problem(
    'conflict',
    'A request with this Idempotency-Key is still being processed. Retry after the seconds in Retry-After.',
    {
      instance: ctx.instance,
      headers: jobHeaders(ctx.q, job, ctx.settings.writes),
    },
  );
}

function problemResponse(body: ProblemBody, headers: Record<string, string> = {}) {
  return {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}

export const orderRoutes: Route[] = [
  { method: 'GET', pattern: '/orders', handler: list },
  { method: 'POST', pattern: '/orders', handler: create },
  { method: 'GET', pattern: '/orders/{id}', handler: show },
];
