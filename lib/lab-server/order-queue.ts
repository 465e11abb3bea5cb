import { orderRequestHash, placeOrder, slowWork } from '../api/order-writes';
import { productKey } from '../api/routes/products';
import type { NewOrder } from '../db/queries/orders';
import { QueryRecorder } from '../db/recorder';
import { createJobWorker } from './job-worker';
import type { SandboxPool } from './sandbox-pool';
import type { SandboxStates } from './sandbox-state';

/**
 * The lab server's consumer of queued orders: the same slow work and the same transaction a
 * synchronous POST /orders does, run by the job worker after the client has had its 202.
 */
export function createOrderQueue(pool: SandboxPool, states: SandboxStates, now: () => Date = () => new Date()) {
  const worker = createJobWorker({
    db: (id) => pool.get(id),
    concurrency: (id) => states.get(id).settings.writes.workers,
    now,
    async process(sandboxId, job, current) {
      await slowWork(states.get(sandboxId).settings.writes.processingMs);
      if (!current()) return;
      const order = JSON.parse(job.payload) as NewOrder;
      // The payload was validated when it was queued; the hash guards against a row edited since.
      if (orderRequestHash(order) !== job.request_hash)
        throw new Error(`job ${job.id}: payload does not match its hash`);
      const result = placeOrder(
        new QueryRecorder(pool.get(sandboxId)),
        order,
        now().toISOString(),
        `/api/v1/jobs/${job.id}`,
        job,
      );
      // The product's cached sales stats (and stock) just changed: drop them.
      if (result.ok) states.get(sandboxId).cache?.delete(productKey(order.product_id));
    },
    onError: (err, sandboxId, job) => console.error(`[job-worker] ${sandboxId} job ${job.id} failed:`, err),
  });
  pool.onOpen((id, db) => worker.resume(id, db));
  pool.onReset((id) => worker.reset(id));
  return worker;
}
