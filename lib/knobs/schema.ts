import { z } from 'zod';
import { ALGORITHMS } from '../rate-limit';
import { TEACHING_INDEXES, type TeachingIndex } from '../db/schema';

/**
 * The knobs a learner turns on their own API, one object per pipeline stage. Stored per
 * sandbox in app.db; the schema is the single definition of what a valid setting is, for
 * the control API, the lab server and the knob panel alike.
 */
export const PAGINATION_MODES = ['offset', 'cursor', 'unbounded'] as const;
export const EXPAND_STRATEGIES = ['join', 'n-plus-one'] as const;
export const REPLICA_CONSISTENCY = ['eventual', 'read-your-writes'] as const;
export const WRITE_MODES = ['sync', 'queued'] as const;

const whole = (min: number, max: number, what: string) =>
  z.number().int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

export const knobSettingsSchema = z.strictObject({
  pagination: z.strictObject({ mode: z.enum(PAGINATION_MODES) }),
  appCache: z.strictObject({
    enabled: z.boolean(),
    ttlSeconds: whole(1, 3600, 'TTL'),
    maxEntries: whole(10, 100_000, 'max entries'),
    coalesce: z.boolean(),
  }),
  httpCache: z.strictObject({ enabled: z.boolean(), maxAgeSeconds: whole(0, 86_400, 'max-age') }),
  rateLimit: z.strictObject({
    enabled: z.boolean(),
    algorithm: z.enum(ALGORITHMS as unknown as ['fixed-window', 'sliding-window', 'token-bucket']),
    limit: whole(1, 1_000_000, 'limit'),
    windowSeconds: whole(1, 3600, 'window'),
    burst: whole(1, 1_000_000, 'burst'),
  }),
  queryShape: z.strictObject({ expand: z.enum(EXPAND_STRATEGIES) }),
  // Defaulted so settings and runs stored before this group existed still parse.
  replica: z
    .strictObject({ enabled: z.boolean(), lagMs: whole(0, 10_000, 'replica lag'), consistency: z.enum(REPLICA_CONSISTENCY) })
    .default({ enabled: false, lagMs: 1000, consistency: 'eventual' }),
  // Defaulted so runs and settings stored before this group existed still parse (as sync).
  writes: z.strictObject({
    mode: z.enum(WRITE_MODES),
    /** A cost the learner sets (standing in for a payment or email call), not a measurement. */
    processingMs: whole(0, 2000, 'processing time'),
    /** Queue workers per sandbox in queued mode. */
    workers: whole(1, 8, 'workers'),
  }).default({ mode: 'sync', processingMs: 50, workers: 1 }),
});

export type KnobSettings = z.infer<typeof knobSettingsSchema>;

/** Every sandbox starts with everything off: the slow, naive API the course then fixes. */
export const DEFAULT_SETTINGS: KnobSettings = {
  pagination: { mode: 'offset' },
  appCache: { enabled: false, ttlSeconds: 60, maxEntries: 1000, coalesce: true },
  httpCache: { enabled: false, maxAgeSeconds: 0 },
  rateLimit: { enabled: false, algorithm: 'fixed-window', limit: 100, windowSeconds: 60, burst: 100 },
  queryShape: { expand: 'n-plus-one' },
  replica: { enabled: false, lagMs: 1000, consistency: 'eventual' },
  writes: { mode: 'sync', processingMs: 50, workers: 1 },
};

const indexNames = Object.keys(TEACHING_INDEXES) as [TeachingIndex, ...TeachingIndex[]];

/** A PATCH names only what changes; indexes are switched by name. */
export const settingsPatchSchema = z.strictObject({
  pagination: knobSettingsSchema.shape.pagination.partial().optional(),
  appCache: knobSettingsSchema.shape.appCache.partial().optional(),
  httpCache: knobSettingsSchema.shape.httpCache.partial().optional(),
  rateLimit: knobSettingsSchema.shape.rateLimit.partial().optional(),
  queryShape: knobSettingsSchema.shape.queryShape.partial().optional(),
  replica: knobSettingsSchema.shape.replica.unwrap().partial().optional(),
  writes: knobSettingsSchema.shape.writes.unwrap().partial().optional(),
  indexes: z.partialRecord(z.enum(indexNames), z.boolean()).optional(),
});

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function mergeSettings(current: KnobSettings, patch: SettingsPatch): KnobSettings {
  return {
    pagination: { ...current.pagination, ...patch.pagination },
    appCache: { ...current.appCache, ...patch.appCache },
    httpCache: { ...current.httpCache, ...patch.httpCache },
    rateLimit: { ...current.rateLimit, ...patch.rateLimit },
    queryShape: { ...current.queryShape, ...patch.queryShape },
    replica: { ...current.replica, ...patch.replica },
    writes: { ...current.writes, ...patch.writes },
  };
}

export const indexStateSchema = z.object({
  name: z.enum(indexNames),
  sql: z.string(),
  present: z.boolean(),
  /** How long the last CREATE INDEX took on this sandbox, if it was built in this server's life. */
  lastBuildMs: z.number().nullable(),
});
export type IndexState = z.infer<typeof indexStateSchema>;

export const cacheStatsSchema = z.object({
  hits: z.number(),
  misses: z.number(),
  stale: z.number(),
  coalesced: z.number(),
  size: z.number(),
});
export type CacheStats = z.infer<typeof cacheStatsSchema>;

export const rateLimitStatsSchema = z.object({ allowed: z.number(), limited: z.number() });

export const settingsResponseSchema = z.object({
  sandboxId: z.string(),
  settings: knobSettingsSchema,
  indexes: z.array(indexStateSchema),
  cache: cacheStatsSchema,
  rateLimit: rateLimitStatsSchema,
  changes: z.array(z.object({ index: z.string(), action: z.enum(['created', 'dropped']), ms: z.number() })).optional(),
});
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

export const explainResponseSchema = z.object({
  endpoint: z.string(),
  request: z.string(),
  statements: z.array(
    z.object({ sql: z.string(), plan: z.array(z.object({ id: z.number(), parent: z.number(), detail: z.string() })) }),
  ),
});
export type ExplainResponse = z.infer<typeof explainResponseSchema>;
