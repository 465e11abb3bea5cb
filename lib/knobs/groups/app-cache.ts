import { z } from 'zod';
import { defineGroup, num, onOff, whole, words } from '../group-spec';

/** The in-memory LRU cache in front of product and user reads. */
export const appCache = defineGroup({
  label: 'App cache',
  noun: 'the app cache',
  pronoun: 'it',
  schema: z.strictObject({
    enabled: z.boolean(),
    ttlSeconds: whole(1, 3600, 'TTL'),
    maxEntries: whole(10, 100_000, 'max entries'),
    coalesce: z.boolean(),
  }),
  defaults: { enabled: false, ttlSeconds: 60, maxEntries: 1000, coalesce: true },
  fields: {
    enabled: { label: 'App cache' },
    ttlSeconds: { label: 'App cache TTL', unit: 's' },
    maxEntries: { label: 'App cache max entries', unit: 'entries' },
    coalesce: { label: 'Coalesce cache misses' },
  },
  off: { enabled: false },
  describe: (v) =>
    v.enabled === false
      ? 'off'
      : words(
          onOff(v.enabled),
          v.ttlSeconds !== undefined && `${num(v.ttlSeconds)} s TTL`,
          v.maxEntries !== undefined && `up to ${num(v.maxEntries)} entries`,
          v.coalesce !== undefined && (v.coalesce ? 'coalescing misses' : 'not coalescing misses'),
        ),
});
