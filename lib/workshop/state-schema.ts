import { z } from 'zod';

/** Workshop state shapes, shared by the server and the browser. */
export const capsSchema = z.strictObject({
  /** Most requests/s one learner's run may ask for. */
  perLearnerRate: z.number().int().min(1).max(10_000),
  /** Sum of all runs' rates, shared fairly between learners. */
  totalRate: z.number().int().min(1).max(100_000),
  /** Most runs at once, server-wide. */
  maxRuns: z.number().int().min(1).max(64),
});
export type LoadCaps = z.infer<typeof capsSchema>;

export const broadcastSchema = z.strictObject({
  id: z.string(),
  lesson: z.string().nullable(),
  message: z.string().max(280),
  at: z.string(),
});
export type Broadcast = z.infer<typeof broadcastSchema>;
