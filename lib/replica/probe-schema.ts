import { z } from 'zod';
import { knobSettingsSchema } from '../knobs/schema';

/** The replica probe's request and result: one schema for the route, the client and the tests. */
export const MAX_PROBE_PAIRS = 50;

export const probeRequestSchema = z.strictObject({
  pairs: z
    .number()
    .int('pairs must be a whole number')
    .min(1, 'pairs must be at least 1')
    .max(MAX_PROBE_PAIRS, `pairs must be at most ${MAX_PROBE_PAIRS}`)
    .default(20),
});

export const probeReadSchema = z.object({
  status: z.number(),
  /** The order was there (200); false for 404, null for any other answer (429, 5xx). */
  sawWrite: z.boolean().nullable(),
  servedBy: z.enum(['primary', 'replica']).nullable(),
  /** X-Replica-Lag-Ms: how far behind the copy that answered was. */
  lagMs: z.number().nullable(),
  route: z.string().nullable(),
  ms: z.number(),
});
export type ProbeRead = z.infer<typeof probeReadSchema>;

export const probeSampleSchema = z.object({
  pair: z.number(),
  orderId: z.number().nullable(),
  writeStatus: z.number(),
  /** The writer reads its own order back at once. */
  own: probeReadSchema.nullable(),
  /** A second client reads the same order at once. */
  other: probeReadSchema.nullable(),
  /** From the write's 201 until another client's read found the order; null if not within the probe's time. */
  visibleAfterMs: z.number().nullable(),
});
export type ProbeSample = z.infer<typeof probeSampleSchema>;

export const probeSummarySchema = z.object({
  pairs: z.number(),
  writes: z.number(),
  ownStale: z.number(),
  otherStale: z.number(),
  errors: z.number(),
  servedByReplica: z.number(),
  /** Largest X-Replica-Lag-Ms seen on a read that missed the write. */
  maxStaleLagMs: z.number().nullable(),
  medianVisibleAfterMs: z.number().nullable(),
  notVisible: z.number(),
});
export type ProbeSummary = z.infer<typeof probeSummarySchema>;

export const probeResultSchema = z.object({
  ranAt: z.string(),
  durationMs: z.number(),
  replica: knobSettingsSchema.shape.replica,
  summary: probeSummarySchema,
  samples: z.array(probeSampleSchema),
  /** Lesson checks this probe passed (stored as progress by the server). */
  checksPassed: z.array(z.string()).default([]),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;
