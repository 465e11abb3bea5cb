import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { finishJob, type JobRow } from '../db/queries/jobs';
import { createOrder, type CreateOrderResult, type NewOrder, type OrderRow } from '../db/queries/orders';
import type { QueryRecorder } from '../db/recorder';
import { problemBody, type ProblemBody } from './problem';

/**
 * The slow part of placing an order. In a real shop this is a call to a payment provider or
 * a mail server: the caller waits, but its own CPU is idle. An awaited timer of the
 * configured length is exactly that: the lab server's event loop keeps serving everyone
 * else meanwhile. It is the learner's setting, not a measured cost.
 */
export function slowWork(ms: number): Promise<void> {
  return ms > 0 ? sleep(ms) : Promise.resolve();
}

/** Same order, same hash: what an Idempotency-Key replay is compared by (key order fixed). */
export function orderRequestHash(o: NewOrder): string {
  return createHash('sha256')
    .update(JSON.stringify([o.user_id, o.product_id, o.quantity]))
    .digest('hex');
}

/** Why an order was refused, as the problem a synchronous POST answers with (and a failed job keeps). */
export function orderProblem(
  result: Exclude<CreateOrderResult, { ok: true }>,
  o: NewOrder,
  instance: string,
): ProblemBody {
  switch (result.error) {
    case 'user-not-found':
      return problemBody('validation-failed', `User ${o.user_id} does not exist.`, {
        instance,
        errors: [{ field: 'user_id', in: 'body', detail: 'no user has this id', pointer: '#/user_id' }],
      });
    case 'product-not-found':
      return problemBody('validation-failed', `Product ${o.product_id} does not exist.`, {
        instance,
        errors: [{ field: 'product_id', in: 'body', detail: 'no product has this id', pointer: '#/product_id' }],
      });
    case 'insufficient-stock':
      return problemBody(
        'conflict',
        `Product ${o.product_id} has ${result.product?.stock ?? 0} in stock; ${o.quantity} were ordered.`,
        { instance },
      );
  }
}

/** What a finished job keeps in its result column. */
export type JobResult = { order_id: number } | { problem: ProblemBody };

/**
 * Places the order and, when a job stands behind it, marks that job done in the same
 * transaction: either both happen or neither, so a crash in between cannot leave an order
 * whose job would run (and order) again.
 */
export function placeOrder(q: QueryRecorder, o: NewOrder, now: string, instance: string, job?: JobRow): PlacedOrder {
  return q.transaction((): PlacedOrder => {
    const result = createOrder(q, o, now);
    if (result.ok) {
      if (job) finishJob(q, job.id, 'succeeded', { order_id: result.order.id } satisfies JobResult, now);
      return { ok: true, order: result.order };
    }
    const problem = orderProblem(result, o, instance);
    if (job) finishJob(q, job.id, 'failed', { problem } satisfies JobResult, now);
    return { ok: false, problem };
  });
}

export type PlacedOrder = { ok: true; order: OrderRow } | { ok: false; problem: ProblemBody };

/** Whole seconds until a job is likely done: the configured cost of the jobs ahead of it, shared by the workers. */
export function retryAfterSeconds(ahead: number, processingMs: number, workers: number): number {
  return Math.max(1, Math.ceil((Math.max(1, ahead) * processingMs) / Math.max(1, workers) / 1000));
}
