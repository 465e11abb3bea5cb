import { z } from 'zod';
import { defineGroup, num, whole, words } from '../group-spec';

export const WRITE_MODES = ['sync', 'queued'] as const;

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
  }),
  defaults: { mode: 'sync', processingMs: 50, workers: 1 },
  fields: {
    mode: { label: 'Slow writes', words: MODE },
    processingMs: { label: 'Processing time per order (set)', unit: 'ms' },
    workers: { label: 'Queue workers', unit: 'workers' },
  },
  off: { mode: 'sync' },
  describe: (v) =>
    words(
      v.mode && MODE[v.mode],
      v.processingMs !== undefined && `${num(v.processingMs)} ms per order`,
      // Workers only drain a queue: in sync mode their number changes nothing.
      v.workers !== undefined && v.mode !== 'sync' && `${num(v.workers)} ${v.workers === 1 ? 'worker' : 'workers'}`,
    ),
});
