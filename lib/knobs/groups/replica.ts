import { z } from 'zod';
import { defineGroup, num, onOff, whole, words } from '../group-spec';

export const REPLICA_CONSISTENCY = ['eventual', 'read-your-writes'] as const;

const CONSISTENCY = { eventual: 'eventual consistency', 'read-your-writes': 'read your writes' } as const;

/** Reads from a lagging copy of the sandbox; writes still go to the primary. */
export const replica = defineGroup({
  label: 'Read replica',
  noun: 'the read replica',
  pronoun: 'it',
  schema: z.strictObject({
    enabled: z.boolean(),
    lagMs: whole(0, 10_000, 'replica lag'),
    consistency: z.enum(REPLICA_CONSISTENCY),
  }),
  defaults: { enabled: false, lagMs: 1000, consistency: 'eventual' },
  fields: {
    enabled: { label: 'Read replica' },
    lagMs: { label: 'Replica lag', unit: 'ms' },
    consistency: { label: 'Replica consistency', words: CONSISTENCY },
  },
  off: { enabled: false },
  describe: (v) =>
    v.enabled === false
      ? 'off'
      : words(
          onOff(v.enabled),
          v.lagMs !== undefined && `${num(v.lagMs)} ms behind`,
          v.consistency && CONSISTENCY[v.consistency],
        ),
});
