import { z } from 'zod';
import { defineGroup } from '../group-spec';

export const EXPAND_STRATEGIES = ['n-plus-one', 'join'] as const;

const EXPAND = { join: 'one join', 'n-plus-one': 'one query per row (N+1)' } as const;

/** How ?expand=product loads the related rows: one query per order, or one join. */
export const queryShape = defineGroup({
  label: 'Loading related rows',
  noun: 'related rows loaded with',
  schema: z.strictObject({ expand: z.enum(EXPAND_STRATEGIES) }),
  defaults: { expand: 'n-plus-one' },
  fields: { expand: { label: 'Loading related rows', words: EXPAND } },
  off: { expand: 'n-plus-one' },
  describe: (v) => (v.expand ? EXPAND[v.expand] : 'either way'),
});
