import { z } from 'zod';
import { defineGroup, num, onOff, whole, words } from '../group-spec';

/** ETag, Cache-Control and 304 Not Modified on reads. */
export const httpCache = defineGroup({
  label: 'HTTP caching',
  noun: 'HTTP caching',
  pronoun: 'it',
  schema: z.strictObject({ enabled: z.boolean(), maxAgeSeconds: whole(0, 86_400, 'max-age') }),
  defaults: { enabled: false, maxAgeSeconds: 0 },
  fields: { enabled: { label: 'HTTP caching' }, maxAgeSeconds: { label: 'HTTP max-age', unit: 's' } },
  off: { enabled: false },
  describe: (v) =>
    v.enabled === false
      ? 'off'
      : words(onOff(v.enabled), v.maxAgeSeconds !== undefined && `max-age ${num(v.maxAgeSeconds)} s`),
});
