import { z } from 'zod';
import { LOAD_CAP_DEFAULTS } from './caps';
import { ENDPOINT_KEYS } from './endpoints';

/**
 * What a learner may ask the load generator to do. Limits come from server configuration
 * through the factory, never from the request; the messages are written to be shown next to
 * the knob that is wrong (they become 422 field errors in the control API).
 */
export type LoadLimits = { maxDurationSec: number; maxRate: number; maxUsers: number };

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxDurationSec: LOAD_CAP_DEFAULTS.maxRunSeconds,
  maxRate: 2000,
  maxUsers: 200,
};
export const DEFAULT_SEED = 42;
export const MAX_CLIENTS = 1000;
export const MAX_MIX_ENTRIES = 8;

const num = (what: string) =>
  z.number({ error: (iss) => (iss.input === undefined ? 'is required' : `must be ${what}`) });
const whole = (what: string, min: number, max: number, unit = '') =>
  num(what ? `a whole number ${what}` : 'a whole number')
    .int(`must be a whole number${unit ? ` of ${unit}` : ''}`)
    .min(min, `must be at least ${min}${unit ? ` ${unit}` : ''}`)
    .max(max, `must be at most ${max}${unit ? ` ${unit}` : ''}`);
const fraction = (name: string, min: number, max: number, fallback: number) =>
  num('a number between 0 and 1')
    .gt(min, `${name} must be greater than ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

export function makeLoadProfileSchema(limits: Partial<LoadLimits> = {}) {
  const { maxDurationSec, maxRate, maxUsers } = { ...DEFAULT_LOAD_LIMITS, ...limits };

  const mixEntry = z.strictObject({
    endpoint: z.enum(ENDPOINT_KEYS, { error: `must be one of: ${ENDPOINT_KEYS.join(', ')}` }),
    weight: num('a number').positive('must be greater than 0').max(1000, 'must be at most 1000'),
  });

  const keys = z.strictObject({
    distribution: z
      .enum(['uniform', 'zipf', 'hot-set'], { error: 'must be one of: uniform, zipf, hot-set' })
      .default('uniform'),
    zipfSkew: num('a number').min(0.5, 'must be at least 0.5').max(2, 'must be at most 2').default(1.1),
    hotSetFraction: fraction('the hot set', 0, 0.5, 0.01),
    hotTrafficFraction: fraction('the hot traffic share', 0, 1, 0.9),
  });

  // A spike multiplies the rate for a while (lib/load/schedule.ts); its peak is what the rate cap must allow.
  const spike = z.strictObject({
    atSec: num('a number of seconds').min(0, 'must not be negative'),
    forSec: num('a number of seconds').positive('must be longer than 0 s'),
    multiple: num('a number').min(1, 'must be at least 1 (1 = no spike)').max(100, 'must be at most 100'),
  });

  const clients = z.strictObject({
    count: whole('of clients', 1, MAX_CLIENTS).default(1),
    abusive: z
      .strictObject({
        enabled: z.boolean({ error: 'must be true or false' }).default(false),
        multiple: whole('', 2, 100).default(10),
      })
      .prefault({}),
  });

  return z
    .strictObject({
      model: z.enum(['constant-arrival', 'virtual-users'], {
        error: 'must be "constant-arrival" (open: a fixed request rate) or "virtual-users" (closed: N users in a loop)',
      }),
      durationSec: whole('of seconds', 1, maxDurationSec, 's').default(Math.min(10, maxDurationSec)),
      rate: num('a number of requests per second')
        .positive('must be greater than 0 requests/s')
        .max(maxRate, `must be at most ${maxRate} requests/s (the server's limit)`)
        .default(Math.min(50, maxRate)),
      users: whole('of users', 1, maxUsers).default(Math.min(10, maxUsers)),
      thinkTimeMs: whole('of milliseconds', 0, 10_000, 'ms').default(0),
      rampUpSec: num('a number of seconds').min(0, 'must not be negative').default(0),
      spike: spike.optional(),
      mix: z
        .array(mixEntry, { error: 'must be a list of { endpoint, weight }' })
        .min(1, 'add at least one endpoint')
        .max(MAX_MIX_ENTRIES, `at most ${MAX_MIX_ENTRIES} endpoints`)
        .default([{ endpoint: 'product-by-id', weight: 1 }]),
      keys: keys.prefault({}),
      clients: clients.prefault({}),
      target: z
        .enum(['lab', 'front-door'], { error: 'must be "lab" (straight to the API) or "front-door" (through Next.js)' })
        .default('lab'),
      timeoutMs: whole('of milliseconds', 100, 30_000, 'ms').default(5000),
      seed: whole('', 0, 2 ** 32 - 1).default(DEFAULT_SEED),
    })
    .superRefine((p, ctx) => {
      if (p.rampUpSec > p.durationSec) {
        ctx.addIssue({
          code: 'custom',
          path: ['rampUpSec'],
          message: `must not be longer than the run (${p.durationSec} s)`,
        });
      }
      if (p.spike) {
        if (p.model !== 'constant-arrival')
          ctx.addIssue({
            code: 'custom',
            path: ['spike'],
            message: 'needs the constant-arrival model (a spike is a change of rate)',
          });
        if (p.rampUpSec > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['spike'],
            message: 'cannot be combined with a ramp-up; set rampUpSec to 0',
          });
        if (p.spike.atSec + p.spike.forSec > p.durationSec) {
          ctx.addIssue({
            code: 'custom',
            path: ['spike', 'forSec'],
            message: `must end within the run: atSec + forSec is at most ${p.durationSec} s`,
          });
        }
        const peak = p.rate * p.spike.multiple;
        if (peak > maxRate) {
          ctx.addIssue({
            code: 'custom',
            path: ['spike', 'multiple'],
            message: `the peak (${peak} requests/s) must be at most ${maxRate} requests/s (the server's limit)`,
          });
        }
      }
      const seen = new Set<string>();
      p.mix.forEach((entry, i) => {
        if (seen.has(entry.endpoint)) {
          ctx.addIssue({
            code: 'custom',
            path: ['mix', i, 'endpoint'],
            message: `${entry.endpoint} is already in the mix; raise its weight instead`,
          });
        }
        seen.add(entry.endpoint);
      });
    });
}

export const loadProfileSchema = makeLoadProfileSchema();

export type LoadProfile = z.output<typeof loadProfileSchema>;
export type LoadProfileInput = z.input<typeof loadProfileSchema>;
export type LoadModel = LoadProfile['model'];
