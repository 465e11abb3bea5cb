import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/knobs/schema';
import { initialForm } from './profile-form';
import { diffKnobs, diffProfiles, flatten, verdict, type KnobSnapshot } from './knob-diff';

const ix = (name: 'idx_user_email' | 'idx_order_user_id', present: boolean) => ({
  name,
  sql: `CREATE INDEX ${name} …`,
  present,
  lastBuildMs: null,
});
const snap = (over: Partial<KnobSnapshot> = {}): KnobSnapshot => ({
  settings: structuredClone(DEFAULT_SETTINGS),
  indexes: [ix('idx_user_email', false), ix('idx_order_user_id', false)],
  ...over,
});

describe('knob snapshot diff', () => {
  it('flattens nested settings to dotted paths', () => {
    expect(flatten({ a: { b: 1, c: { d: true } } })).toEqual(
      new Map<string, unknown>([
        ['a.b', 1],
        ['a.c.d', true],
      ]),
    );
  });

  it('finds nothing between equal snapshots', () => {
    expect(diffKnobs(snap(), snap())).toEqual([]);
  });

  it('names an index that was built in the knob panel words', () => {
    const after = snap({ indexes: [ix('idx_user_email', true), ix('idx_order_user_id', false)] });
    expect(diffKnobs(snap(), after)).toEqual([{ what: 'Index users by email', before: 'absent', after: 'present' }]);
  });

  it('lists changed settings with units', () => {
    const b = snap();
    b.settings.appCache.enabled = true;
    b.settings.appCache.ttlSeconds = 30;
    expect(diffKnobs(snap(), b)).toEqual([
      { what: 'App cache', before: 'off', after: 'on' },
      { what: 'App cache TTL', before: '60 s', after: '30 s' },
    ]);
  });
});

describe('workload diff', () => {
  it('ignores the seed and settings the model does not use', () => {
    const a = initialForm({ rate: 100, seed: 1 });
    const b = initialForm({ rate: 100, seed: 2, users: 99, keys: { zipfSkew: 1.9 } });
    expect(diffProfiles(a, b)).toEqual([]);
  });

  it('reports a changed rate and mix readably', () => {
    const a = initialForm({ rate: 100 });
    const b = initialForm({ rate: 200, mix: [{ endpoint: 'user-by-email', weight: 2 }] });
    expect(diffProfiles(a, b)).toEqual([
      { what: 'Rate (req/s)', before: '100', after: '200' },
      { what: 'Endpoint mix', before: 'product-by-id ×1', after: 'user-by-email ×2' },
    ]);
  });

  it('says the load is unknown rather than comparing a profile an older version stored', () => {
    expect(diffProfiles(null, initialForm())).toEqual([{ what: 'Load profile', before: 'unknown', after: 'known' }]);
    expect(diffProfiles(null, null)).toHaveLength(1);
  });
});

describe('comparison verdict', () => {
  const run = (p95: number) => ({ summary: { latencyMs: { p95 } } });
  it('names the single change and the p95 ratio', () => {
    expect(verdict([{ what: 'Index users by email', before: 'absent', after: 'present' }], [], run(210), run(5))).toBe(
      'Only one thing changed, Index users by email (absent → present), and p95 went from 210 ms to 5.0 ms (42× lower).',
    );
  });
  it('warns when nothing or several things changed', () => {
    expect(verdict([], [], run(10), run(11))).toMatch(/^Same knobs, same load: .*noise/);
    expect(verdict([], [{ what: 'Rate (req/s)', before: '1', after: '2' }], run(10), run(20))).toBe(
      '1 load change: p95 went from 10 ms to 20 ms (2.0× higher).',
    );
  });
});
