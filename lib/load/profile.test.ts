import { describe, expect, it } from 'vitest';
import { loadProfileSchema, makeLoadProfileSchema } from './profile';

const messages = (input: unknown, schema = loadProfileSchema) => {
  const r = schema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(root)', i.message]));
};

describe('loadProfileSchema', () => {
  it('fills sensible defaults from just a model', () => {
    expect(loadProfileSchema.parse({ model: 'constant-arrival' })).toEqual({
      model: 'constant-arrival',
      durationSec: 10,
      rate: 50,
      users: 10,
      thinkTimeMs: 0,
      rampUpSec: 0,
      mix: [{ endpoint: 'product-by-id', weight: 1 }],
      keys: { distribution: 'uniform', zipfSkew: 1.1, hotSetFraction: 0.01, hotTrafficFraction: 0.9 },
      clients: { count: 1, abusive: { enabled: false, multiple: 10 } },
      target: 'lab',
      timeoutMs: 5000,
      seed: 42,
    });
  });

  it('accepts a full closed-model profile with a 90/10 mix', () => {
    const p = loadProfileSchema.parse({
      model: 'virtual-users',
      users: 50,
      thinkTimeMs: 100,
      durationSec: 30,
      rampUpSec: 5,
      mix: [
        { endpoint: 'user-by-id', weight: 90 },
        { endpoint: 'create-order', weight: 10 },
      ],
      keys: { distribution: 'zipf', zipfSkew: 1.3 },
      clients: { count: 20, abusive: { enabled: true, multiple: 5 } },
      target: 'front-door',
    });
    expect(p.keys).toMatchObject({ distribution: 'zipf', zipfSkew: 1.3, hotSetFraction: 0.01 });
    expect(p.clients.abusive).toEqual({ enabled: true, multiple: 5 });
  });

  it('names each bad field in words a learner can act on', () => {
    expect(
      messages({
        model: 'open',
        durationSec: 61,
        rate: 0,
        users: 2.5,
        mix: [{ endpoint: 'delete-everything', weight: -1 }],
        keys: { distribution: 'pareto', zipfSkew: 3 },
        clients: { count: 0, abusive: { enabled: 'yes', multiple: 1 } },
        timeoutMs: 10,
        extra: true,
      }),
    ).toEqual({
      model: 'must be "constant-arrival" (open: a fixed request rate) or "virtual-users" (closed: N users in a loop)',
      durationSec: 'must be at most 60 s',
      rate: 'must be greater than 0 requests/s',
      users: 'must be a whole number',
      'mix.0.endpoint':
        'must be one of: product-by-id, products-page, user-by-id, user-by-email, user-orders, orders-by-date, orders-history, create-order, user-orders-expanded, product-card',
      'mix.0.weight': 'must be greater than 0',
      'keys.distribution': 'must be one of: uniform, zipf, hot-set',
      'keys.zipfSkew': 'must be at most 2',
      'clients.count': 'must be at least 1',
      'clients.abusive.enabled': 'must be true or false',
      'clients.abusive.multiple': 'must be at least 2',
      timeoutMs: 'must be at least 100 ms',
      '(root)': 'Unrecognized key: "extra"',
    });
    expect(messages({})).toEqual({ model: expect.stringContaining('must be "constant-arrival"') });
    expect(messages({ model: 'constant-arrival', rate: 'fast' })).toEqual({
      rate: 'must be a number of requests per second',
    });
  });

  it('checks fields against each other', () => {
    expect(messages({ model: 'constant-arrival', durationSec: 10, rampUpSec: 20 })).toEqual({
      rampUpSec: 'must not be longer than the run (10 s)',
    });
    expect(
      messages({
        model: 'constant-arrival',
        mix: [
          { endpoint: 'user-by-id', weight: 1 },
          { endpoint: 'user-by-id', weight: 2 },
        ],
      }),
    ).toEqual({ 'mix.1.endpoint': 'user-by-id is already in the mix; raise its weight instead' });
    expect(messages({ model: 'constant-arrival', mix: [] })).toEqual({ mix: 'add at least one endpoint' });
  });

  it('takes its limits from server configuration', () => {
    const schema = makeLoadProfileSchema({ maxDurationSec: 120, maxRate: 100, maxUsers: 5 });
    expect(schema.parse({ model: 'constant-arrival', durationSec: 120, rate: 100 }).durationSec).toBe(120);
    expect(messages({ model: 'constant-arrival', rate: 101, users: 6 }, schema)).toEqual({
      rate: "must be at most 100 requests/s (the server's limit)",
      users: 'must be at most 5',
    });
    // Defaults never exceed the configured limits.
    expect(
      makeLoadProfileSchema({ maxDurationSec: 5, maxRate: 20, maxUsers: 3 }).parse({ model: 'virtual-users' }),
    ).toMatchObject({ durationSec: 5, rate: 20, users: 3 });
  });

  it('accepts a spike that fits the run and the rate limit, and explains one that does not', () => {
    const ok = loadProfileSchema.parse({
      model: 'constant-arrival',
      rate: 30,
      durationSec: 20,
      spike: { atSec: 5, forSec: 10, multiple: 10 },
    });
    expect(ok.spike).toEqual({ atSec: 5, forSec: 10, multiple: 10 });
    expect(loadProfileSchema.parse({ model: 'constant-arrival' }).spike).toBeUndefined();
    expect(
      messages({
        model: 'constant-arrival',
        rate: 300,
        durationSec: 20,
        spike: { atSec: 15, forSec: 10, multiple: 10 },
      }),
    ).toEqual({
      'spike.forSec': 'must end within the run: atSec + forSec is at most 20 s',
      'spike.multiple': "the peak (3000 requests/s) must be at most 2000 requests/s (the server's limit)",
    });
    expect(messages({ model: 'virtual-users', rampUpSec: 2, spike: { atSec: 0, forSec: 1, multiple: 2 } })).toEqual({
      spike: 'cannot be combined with a ramp-up; set rampUpSec to 0',
    });
    expect(messages({ model: 'virtual-users', spike: { atSec: 0, forSec: 1, multiple: 2 } })).toEqual({
      spike: 'needs the constant-arrival model (a spike is a change of rate)',
    });
    expect(messages({ model: 'constant-arrival', spike: { atSec: -1, forSec: 0, multiple: 0.5 } })).toEqual({
      'spike.atSec': 'must not be negative',
      'spike.forSec': 'must be longer than 0 s',
      'spike.multiple': 'must be at least 1 (1 = no spike)',
    });
  });
});
