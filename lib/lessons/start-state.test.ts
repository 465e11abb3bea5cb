import { describe, expect, it } from 'vitest';
import { knobState, statePatch, type KnobState } from '../knobs/diff';
import { GROUP_IDS, INDEX_NAMES, PANEL_GROUPS, type KnobGroup } from '../knobs/registry';
import { DEFAULT_SETTINGS, knobSettingsSchema, mergeSettings, type SettingsPatch } from '../knobs/schema';
import { loadLessons } from './loader';
import { lessonStart, startDifferences } from './start-state';

const state = (patch: SettingsPatch = {}): KnobState => {
  const { indexes = {}, ...settings } = patch;
  const base = knobState(DEFAULT_SETTINGS, []);
  return { settings: mergeSettings(DEFAULT_SETTINGS, settings), indexes: { ...base.indexes, ...indexes } };
};
const texts = (start: KnobState, current: KnobState) => startDifferences(start, current).map((d) => d.text);

describe('a lesson start state', () => {
  it('is every default plus the preset, for every group and every index', () => {
    const start = lessonStart({ preset: { rateLimit: { windowSeconds: 10 }, indexes: { idx_order_user_id: true } } });
    expect(Object.keys(start.settings).sort()).toEqual([...GROUP_IDS].sort());
    expect(Object.keys(start.indexes).sort()).toEqual([...INDEX_NAMES].sort());
    expect(start.settings.rateLimit).toEqual({ ...DEFAULT_SETTINGS.rateLimit, windowSeconds: 10 });
    expect(start.indexes).toEqual({ idx_user_email: false, idx_order_user_id: true, idx_order_created_at: false });
    expect(lessonStart({ preset: {} })).toEqual(state());
  });

  it('sets every knob when applied: the patch names every group in full and every index', () => {
    const start = lessonStart({ preset: { appCache: { ttlSeconds: 300 } } });
    const patch = statePatch(start);
    expect(
      mergeSettings(
        mergeSettings(DEFAULT_SETTINGS, { rateLimit: { enabled: true }, writes: { mode: 'queued' } }),
        patch,
      ),
    ).toEqual(start.settings);
    expect(patch.indexes).toEqual(start.indexes);
  });
});

describe('how a sandbox differs from a lesson start, in words', () => {
  it('says nothing when they match', () => {
    expect(startDifferences(state(), state())).toEqual([]);
  });

  it("names a group whose description differs, with the learner's value and the lesson's", () => {
    const current = state({
      rateLimit: { enabled: true, algorithm: 'token-bucket' },
      pagination: { mode: 'cursor' },
      writes: { mode: 'queued', workers: 2 },
    });
    expect(texts(state(), current)).toEqual([
      'Pagination: cursor pages; this lesson starts with offset pages',
      'Rate limiter: on, token bucket, 100 requests per 60 s, bursts up to 100; this lesson starts with it off',
      'Slow writes: queued, 50 ms per order, 2 workers; this lesson starts with them done in the request, 50 ms per order',
    ]);
    expect(startDifferences(state(), current)[1]).toMatchObject({
      key: 'rateLimit',
      label: 'Rate limiter',
      current: 'on, token bucket, 100 requests per 60 s, bursts up to 100',
      start: 'off',
    });
  });

  it('names indexes as the knob panel does', () => {
    expect(
      texts(state({ indexes: { idx_order_created_at: true } }), state({ indexes: { idx_order_user_id: true } })),
    ).toEqual([
      'Index orders by user: present; this lesson starts with it absent',
      'Index orders by date: absent; this lesson starts with it present',
    ]);
  });

  it('lists fields one by one when the group reads the same but differs underneath', () => {
    // Both limiters are off, but turning it on in this lesson would give a 60 s window instead of 10 s.
    expect(texts(state({ rateLimit: { windowSeconds: 10, burst: 50 } }), state())).toEqual([
      'Rate limit window: 60 s; this lesson starts with 10 s',
      'Rate limit burst: 100 requests; this lesson starts with 50 requests',
    ]);
  });
});

describe('every lesson of the course', () => {
  for (const lesson of loadLessons()) {
    const fm = lesson.frontmatter;
    const shown: readonly KnobGroup[] = fm.knobs ?? PANEL_GROUPS;
    it(`${lesson.folder}: starts from a valid state that differs from the defaults only in knobs it shows`, () => {
      const start = lessonStart(fm);
      expect(knobSettingsSchema.parse(start.settings)).toEqual(start.settings);
      for (const d of startDifferences(state(), start)) expect(shown, d.text).toContain(groupOfKey(d.key));
    });

    it(`${lesson.folder}: its preset states only what differs from the defaults (minimal frontmatter)`, () => {
      const { indexes = {}, ...settings } = fm.preset;
      for (const [name, on] of Object.entries(indexes)) expect(on, `preset.indexes.${name}`).toBe(true);
      for (const [group, fields] of Object.entries(settings)) {
        for (const [field, value] of Object.entries(fields ?? {})) {
          expect(value, `preset.${group}.${field} repeats the default`).not.toEqual(
            (DEFAULT_SETTINGS as Record<string, Record<string, unknown>>)[group]?.[field],
          );
        }
      }
    });
  }
});

function groupOfKey(key: string): KnobGroup {
  return (INDEX_NAMES as readonly string[]).includes(key) ? 'indexes' : (key.split('.')[0] as KnobGroup);
}
