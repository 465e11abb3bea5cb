import { z } from 'zod';
import { GROUP_IDS, groupSpec, INDEX_NAMES, KNOB_GROUPS, type GroupId } from './registry';

export { PAGINATION_MODES } from './groups/pagination';
export { EXPAND_STRATEGIES } from './groups/query-shape';
export { REPLICA_CONSISTENCY } from './groups/replica';
export { WRITE_MODES } from './groups/writes';

/**
 * The knobs a learner turns on their own API, one object per pipeline stage, assembled from
 * the registry (lib/knobs/registry.ts). Stored per sandbox in app.db; the schema is the
 * single definition of what a valid setting is, for the control API, the lab server and
 * the knob panel alike.
 */
type Groups = typeof KNOB_GROUPS;

// Object.fromEntries loses the per-key types that the mapped types below restore.
function eachGroup<T>(make: (id: GroupId) => unknown): T {
  return Object.fromEntries(GROUP_IDS.map((id) => [id, make(id)])) as T;
}

// Every group is defaulted, so settings and runs stored before a group existed still parse; a
// stored group missing a field added since (writes.queueLimit) gets that field's default.
const defaulted = <S extends z.ZodObject>(schema: S, value: z.output<S>) =>
  z
    .preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...value, ...v } : v), schema)
    .default(() => structuredClone(value) as z.util.NoUndefined<z.output<S>>);
const partial = <S extends z.ZodObject>(schema: S) => schema.partial().optional();

export const knobSettingsSchema = z.strictObject(
  eachGroup<{ [G in GroupId]: ReturnType<typeof defaulted<Groups[G]['schema']>> }>((id) =>
    defaulted(groupSpec(id).schema, groupSpec(id).defaults),
  ),
);

export type KnobSettings = z.infer<typeof knobSettingsSchema>;

/** Every sandbox starts with everything off: the slow, naive API the course then fixes. */
export const DEFAULT_SETTINGS: KnobSettings = eachGroup<KnobSettings>((id) => KNOB_GROUPS[id].defaults);

/** A PATCH names only what changes; indexes are switched by name. */
export const settingsPatchSchema = z.strictObject({
  ...eachGroup<{ [G in GroupId]: ReturnType<typeof partial<Groups[G]['schema']>> }>((id) =>
    partial(groupSpec(id).schema),
  ),
  indexes: z.partialRecord(z.enum(INDEX_NAMES), z.boolean()).optional(),
});

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function mergeSettings(current: KnobSettings, patch: SettingsPatch): KnobSettings {
  return eachGroup<KnobSettings>((id) => ({ ...current[id], ...patch[id] }));
}

export const indexStateSchema = z.object({
  name: z.enum(INDEX_NAMES),
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
