import { describe, expect, it } from 'vitest';
import { knobDifferences, knobState, statePatch, type KnobState } from './diff';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from './schema';

const state = (patch: SettingsPatch): KnobState => {
  const { indexes = {}, ...settings } = patch;
  return {
    settings: mergeSettings(DEFAULT_SETTINGS, settings),
    indexes: { ...knobState(DEFAULT_SETTINGS, []).indexes, ...indexes },
  };
};
const apply = (s: KnobState, patch: SettingsPatch): KnobState => {
  const { indexes = {}, ...settings } = patch;
  return { settings: mergeSettings(s.settings, settings), indexes: { ...s.indexes, ...indexes } };
};

describe('knob differences', () => {
  const current = state({
    indexes: { idx_user_email: true },
    appCache: { enabled: true, ttlSeconds: 5 },
    rateLimit: { windowSeconds: 10 }, // off either way: listed by field
    replica: { enabled: true, consistency: 'read-your-writes' },
    writes: { processingMs: 200 },
  });
  const target = knobState(DEFAULT_SETTINGS, []);

  it('lists each knob once, by group when its words differ and by field when they do not', () => {
    expect(knobDifferences(current, target).map((d) => [d.key, d.current, d.target])).toEqual([
      ['idx_user_email', 'present', 'absent'],
      ['appCache', 'on, 5 s TTL, up to 1,000 entries, coalescing misses', 'off'],
      ['rateLimit.windowSeconds', '10 s', '60 s'],
      ['writes', 'done in the request, 200 ms per order', 'done in the request, 50 ms per order'],
      ['replica', 'on, 1,000 ms behind, read your writes', 'off'],
    ]);
  });

  it('carries, for each difference, the patch that turns that knob back, and nothing else', () => {
    const diffs = knobDifferences(current, target);
    for (const d of diffs) {
      const after = knobDifferences(apply(current, d.patch), target).map((x) => x.key);
      expect(after, d.key).toEqual(diffs.map((x) => x.key).filter((k) => k !== d.key));
    }
    expect(knobDifferences(apply(current, statePatch(target)), target)).toEqual([]);
  });
});
