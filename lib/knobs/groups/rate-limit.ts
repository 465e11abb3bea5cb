import { z } from 'zod';
import { ALGORITHMS } from '../../rate-limit';
import { defineGroup, num, onOff, whole, words } from '../group-spec';

const ALGORITHM = {
  'fixed-window': 'fixed window',
  'sliding-window': 'sliding window',
  'token-bucket': 'token bucket',
} as const;

/** A per-client request budget; over it, 429 with Retry-After. */
export const rateLimit = defineGroup({
  label: 'Rate limiter',
  noun: 'the rate limiter',
  pronoun: 'it',
  schema: z.strictObject({
    enabled: z.boolean(),
    algorithm: z.enum(ALGORITHMS),
    limit: whole(1, 1_000_000, 'limit'),
    windowSeconds: whole(1, 3600, 'window'),
    burst: whole(1, 1_000_000, 'burst'),
  }),
  defaults: { enabled: false, algorithm: 'fixed-window', limit: 100, windowSeconds: 60, burst: 100 },
  fields: {
    enabled: { label: 'Rate limiter' },
    algorithm: { label: 'Rate limit algorithm', words: ALGORITHM },
    limit: { label: 'Rate limit', unit: 'requests' },
    windowSeconds: { label: 'Rate limit window', unit: 's' },
    burst: { label: 'Rate limit burst', unit: 'requests' },
  },
  off: { enabled: false },
  describe: (v) => {
    if (v.enabled === false) return 'off';
    const per = v.windowSeconds !== undefined ? ` per ${num(v.windowSeconds)} s` : '';
    return words(
      onOff(v.enabled),
      v.algorithm && ALGORITHM[v.algorithm],
      v.limit !== undefined ? `${num(v.limit)} requests${per}` : per && `windows of ${num(v.windowSeconds!)} s`,
      // The bucket size only means something to a token bucket.
      v.burst !== undefined &&
        (v.algorithm === undefined || v.algorithm === 'token-bucket') &&
        `bursts up to ${num(v.burst)}`,
    );
  },
});
