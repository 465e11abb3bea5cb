import { z } from 'zod';
import { defineGroup, num, whole, words } from '../group-spec';

export const WRITE_MODES = ['sync', 'queued'] as const;

const QUEUE_LIMIT = 1000;

const MODE = { sync: 'done in the request', queued: 'queued' } as const;

/** Where POST /orders does its slow work: in the request, or in a queue drained by workers. */
export const writes = defineGroup({
  label: 'Slow writes',
  noun: 'slow writes',
  pronoun: 'them',
  schema: z.strictObject({
    mode: z.enum(WRITE_MODES),
    /** A cost the learner sets (standing in for a payment or email call), not a measurement. */
    processingMs: whole(0, 2000, 'processing time'),
    /** Queue workers per sandbox in queued mode. */
    workers: whole(1, 8, 'workers'),
    /** Queued mode: how many orders may wait; one more is refused with 503 queue-full. */
    queueLimit: whole(1, 1000, 'queue limit'),
  }),
  // 1,000 waiting orders: more than any lesson's workload queues, unless a lesson sets a smaller queue.
  defaults: { mode: 'sync', processingMs: 50, workers: 1, queueLimit: QUEUE_LIMIT },
  fields: {
    mode: { label: 'Slow writes', words: MODE },
    processingMs: { label: 'Processing time per order (set)', unit: 'ms' },
    workers: { label: 'Queue workers', unit: 'workers' },
    queueLimit: { label: 'Queue holds at most', unit: 'orders' },
  },
  off: { mode: 'sync' },
  describe: (v) =>
    words(
      v.mode && MODE[v.mode],
      v.processingMs !== undefined && `${num(v.processingMs)} ms per order`,
      // Workers only drain a queue: in sync mode their number changes nothing.
      v.workers !== undefined && v.mode !== 'sync' && `${num(v.workers)} ${v.workers === 1 ? 'worker' : 'workers'}`,
      // The default queue is larger than any lesson's workload fills: only a smaller one is worth saying.
      v.queueLimit !== undefined &&
        v.queueLimit < QUEUE_LIMIT &&
        v.mode !== 'sync' &&
        `a queue of at most ${num(v.queueLimit)} ${v.queueLimit === 1 ? 'order' : 'orders'}`,
    ),
});
