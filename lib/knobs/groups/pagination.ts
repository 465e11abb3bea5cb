import { z } from 'zod';
import { defineGroup } from '../group-spec';

export const PAGINATION_MODES = ['offset', 'cursor', 'unbounded'] as const;

const MODE = { offset: 'offset pages', cursor: 'cursor pages', unbounded: 'no pages (every row at once)' } as const;

/** How list endpoints page: offset (with a total), keyset cursor, or everything at once. */
export const pagination = defineGroup({
  label: 'Pagination',
  noun: 'pagination',
  schema: z.strictObject({ mode: z.enum(PAGINATION_MODES) }),
  defaults: { mode: 'offset' },
  fields: { mode: { label: 'Pagination', words: MODE } },
  off: { mode: 'offset' },
  describe: (v) => (v.mode ? MODE[v.mode] : 'any pages'),
});
