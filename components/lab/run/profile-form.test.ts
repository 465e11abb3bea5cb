import { describe, expect, it } from 'vitest';
import {
  canAddEndpoint,
  describeLoad,
  errorsAt,
  initialForm,
  mixShares,
  nextEndpoint,
  progressOf,
  unclaimedErrors,
  UNKNOWN_LOAD,
  FORM_FIELDS,
} from './profile-form';
import { ENDPOINT_KEYS } from '@/lib/load/endpoints';
import { loadProfileSchema, MAX_MIX_ENTRIES, type LoadProfileInput } from '@/lib/load/profile';

const full = (p: LoadProfileInput) => loadProfileSchema.parse(p);

describe('run form', () => {
  it('fills every default and merges a nested preset', () => {
    const f = initialForm({
      model: 'virtual-users',
      users: 20,
      keys: { distribution: 'zipf' },
      clients: { abusive: { enabled: true } },
    });
    expect(f.model).toBe('virtual-users');
    expect(f.users).toBe(20);
    expect(f.keys).toEqual({ distribution: 'zipf', zipfSkew: 1.1, hotSetFraction: 0.01, hotTrafficFraction: 0.9 });
    expect(f.clients).toEqual({ count: 1, abusive: { enabled: true, multiple: 10 } });
    expect(f.mix).toEqual([{ endpoint: 'product-by-id', weight: 1 }]);
  });

  it('shows each endpoint share in percent, ignoring invalid weights', () => {
    expect(mixShares([{ weight: 1 }, { weight: 3 }])).toEqual([25, 75]);
    expect(mixShares([{ weight: Number.NaN }, { weight: 2 }])).toEqual([0, 100]);
  });

  it('offers endpoints not yet in the mix', () => {
    expect(nextEndpoint([{ endpoint: 'product-by-id' }])).toBe('products-page');
    const all = ENDPOINT_KEYS.map((endpoint) => ({ endpoint }));
    expect(canAddEndpoint(all)).toBe(false);
    // Endpoints are left, but the mix is at its cap.
    expect(canAddEndpoint(all.slice(0, MAX_MIX_ENTRIES))).toBe(false);
    expect(canAddEndpoint(all.slice(0, MAX_MIX_ENTRIES - 1))).toBe(true);
  });

  it('routes 422 field errors to their fields and keeps the rest for a general list', () => {
    const errors = [
      { field: 'rate', detail: 'must be at most 2000 requests/s' },
      { field: 'mix.1.endpoint', detail: 'user-by-id is already in the mix' },
      { field: 'keys.zipfSkew', detail: 'must be at least 0.5' },
      { field: '(root)', detail: 'Unknown field "x"' },
    ];
    expect(errorsAt(errors, 'rate')).toEqual(['must be at most 2000 requests/s']);
    expect(errorsAt(errors, 'mix.1')).toEqual(['user-by-id is already in the mix']);
    expect(errorsAt(errors, 'mix', true)).toEqual([]);
    expect(errorsAt(errors, 'ratex')).toEqual([]);
    expect(unclaimedErrors(errors, FORM_FIELDS)).toEqual([{ field: '(root)', detail: 'Unknown field "x"' }]);
  });

  it('measures progress on the server clock and describes the load', () => {
    const tenSeconds = full({ model: 'constant-arrival', durationSec: 10 });
    expect(progressOf(tenSeconds, [{ tMs: 1000 }, { tMs: 4000 }])).toEqual({
      durationSec: 10,
      elapsedSec: 4,
      pct: 40,
    });
    expect(progressOf(tenSeconds, [{ tMs: 11_000 }]).pct).toBe(100);
    expect(describeLoad(full({ model: 'constant-arrival', rate: 200, durationSec: 10 }))).toBe('200 req/s for 10 s');
    expect(describeLoad(full({ model: 'virtual-users', users: 20, durationSec: 5 }))).toBe('20 users for 5 s');
    expect(
      describeLoad(
        full({
          model: 'constant-arrival',
          rate: 10,
          durationSec: 20,
          spike: { atSec: 5, forSec: 10, multiple: 10 },
        }),
      ),
    ).toBe('10 req/s, peak 100 req/s for 20 s');
  });

  it('labels a run whose stored profile could not be read, without a progress it cannot know', () => {
    expect(describeLoad(null)).toBe(UNKNOWN_LOAD);
    expect(progressOf(null, [{ tMs: 4000 }])).toEqual({ durationSec: 0, elapsedSec: 0, pct: 0 });
  });
});
