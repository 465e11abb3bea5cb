import { z } from 'zod';
import type { RunSummary } from '../load/generator';
import type { SecondStats } from '../load/stats';
import { indexStateSchema, knobSettingsSchema } from '../knobs/schema';
import { makeLoadProfileSchema } from '../load/profile';

/**
 * The run API's response shapes: one definition for the server that sends them and the
 * browser that parses them. The compile-time checks at the bottom keep them equal to the
 * load generator's own types.
 */
const percentiles = z.object({ p50: z.number(), p95: z.number(), p99: z.number(), max: z.number() });
const fullPercentiles = percentiles.extend({ min: z.number(), p90: z.number(), p999: z.number(), mean: z.number() });

export const countsSchema = z.object({
  sent: z.number(),
  completed: z.number(),
  dropped: z.number(),
  late: z.number(),
  status: z.object({ '1xx': z.number(), '2xx': z.number(), '3xx': z.number(), '4xx': z.number(), '5xx': z.number() }),
  rateLimited: z.number(),
  timeouts: z.number(),
  errors: z.number(),
  cancelled: z.number(),
  cache: z.object({ hit: z.number(), miss: z.number(), bypass: z.number(), none: z.number() }),
  bytes: z.number(),
});

export const secondStatsSchema = z.object({
  second: z.number(),
  tMs: z.number(),
  windowMs: z.number(),
  targetRps: z.number().nullable(),
  achievedRps: z.number(),
  sentRps: z.number(),
  inFlight: z.number(),
  counts: countsSchema,
  latencyMs: percentiles.nullable(),
  serviceMs: percentiles.nullable(),
  maxLagMs: z.number(),
});

export const runSummarySchema = z.object({
  elapsedMs: z.number(),
  targetRps: z.number().nullable(),
  achievedRps: z.number(),
  counts: countsSchema,
  latencyMs: fullPercentiles.nullable(),
  serviceMs: fullPercentiles.nullable(),
  errorPct: z.number(),
  hitRatio: z.number().nullable(),
  spectrum: z.array(z.object({ percentile: z.number(), ms: z.number() })),
  lagMs: z.object({ p99: z.number(), max: z.number() }).nullable(),
  model: z.enum(['constant-arrival', 'virtual-users']),
  aborted: z.boolean(),
  drainMs: z.number(),
  maxInFlight: z.number(),
  reliable: z.boolean(),
  reasons: z.array(z.string()),
  loopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }).nullable(),
  // Runs stored before the split have no such field: they read as "no abuser split".
  fair: z
    .object({
      sent: z.number(),
      completed: z.number(),
      dropped: z.number(),
      rateLimited: z.number(),
      timeouts: z.number(),
      failed: z.number(),
      errorPct: z.number(),
      latencyMs: fullPercentiles.nullable(),
    })
    .nullable()
    .default(null),
});

export const RUN_STATUSES = ['running', 'completed', 'stopped', 'failed'] as const;

/** What the knobs were when the run started, so two runs can be compared setting by setting. */
export const knobSnapshotSchema = z.object({ settings: knobSettingsSchema, indexes: z.array(indexStateSchema) });

/**
 * A run's profile as stored: the load profile schema, read back. Its limits are wide on purpose:
 * the server that started the run checked its own limits then, and today's may be lower. A stored
 * profile today's schema cannot read (a field since removed, a model since renamed) reads as null,
 * which the pages show as an unknown load, instead of failing the whole list of runs.
 */
const WIDE = Number.MAX_SAFE_INTEGER;
export const storedProfileSchema = makeLoadProfileSchema({ maxDurationSec: WIDE, maxRate: WIDE, maxUsers: WIDE })
  .nullable()
  .catch(null);
export type StoredProfile = z.output<typeof storedProfileSchema>;

export const runSchema = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  /** The validated profile, with every default filled in; null if stored by a version that cannot be read. */
  profile: storedProfileSchema,
  knobs: knobSnapshotSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Why the run ended early or failed, in words for the learner. */
  error: z.string().nullable(),
  /** Why the run got less load than it asked for (its fair share of the server's budget). */
  note: z.string().nullable().default(null),
  /** The lesson page the run was started from; null for a run started elsewhere (/share, the API). */
  lesson: z.string().nullable().default(null),
  seconds: z.array(secondStatsSchema),
  summary: runSummarySchema.nullable(),
});
export type RunRecord = z.infer<typeof runSchema>;

export const runListItemSchema = runSchema.omit({ seconds: true });
export type RunListItem = z.infer<typeof runListItemSchema>;

export const runListSchema = z.object({
  data: z.array(runListItemSchema),
  pagination: z.object({ limit: z.number(), nextCursor: z.string().nullable(), hasMore: z.boolean() }),
});

export const runResponseSchema = z.object({ run: runSchema });

// Compile-time: the wire schemas and the generator's types must agree both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const secondsAgree: Same<z.infer<typeof secondStatsSchema>, SecondStats> = true;
const summaryAgree: Same<z.infer<typeof runSummarySchema>, RunSummary> = true;
void secondsAgree;
void summaryAgree;
