import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { TEACHING_INDEXES } from '../db/schema';
import { frontmatterSchema } from '../lessons/frontmatter';
import {
  bounds,
  describeField,
  describeGroup,
  describeSetting,
  fieldSpec,
  GROUP_IDS,
  groupSpec,
  INDEXES,
  indexLabel,
  isOff,
  KNOB_GROUPS,
  PANEL_GROUPS,
  phrase,
} from './registry';
import { DEFAULT_SETTINGS, knobSettingsSchema, mergeSettings, settingsPatchSchema } from './schema';

const shapeKeys = (s: z.ZodObject) => Object.keys(s.shape).sort();

describe('the knob registry', () => {
  it('is the settings schema: every group in the schema is in the registry and vice versa', () => {
    expect(shapeKeys(knobSettingsSchema)).toEqual([...GROUP_IDS].sort());
    expect(shapeKeys(settingsPatchSchema)).toEqual([...GROUP_IDS, 'indexes'].sort());
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual([...GROUP_IDS].sort());
  });

  it('names every field of every group, and nothing else', () => {
    for (const id of GROUP_IDS) {
      const spec = groupSpec(id);
      expect(Object.keys(spec.fields).sort(), id).toEqual(shapeKeys(spec.schema));
      for (const field of Object.keys(spec.fields)) expect(fieldSpec(`${id}.${field}`), `${id}.${field}`).toBeDefined();
    }
    expect(fieldSpec('rateLimit.nope')).toBeUndefined();
    expect(fieldSpec('nope.enabled')).toBeUndefined();
  });

  it('has valid defaults that are "off" for every group', () => {
    expect(knobSettingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    for (const id of GROUP_IDS) {
      expect(groupSpec(id).schema.parse(KNOB_GROUPS[id].defaults), id).toEqual(KNOB_GROUPS[id].defaults);
      expect(isOff(id, DEFAULT_SETTINGS[id]), id).toBe(true);
    }
    // Settings stored before a group existed parse, with that group at its default.
    const { replica: _r, writes: _w, ...old } = DEFAULT_SETTINGS;
    expect(knobSettingsSchema.parse(old)).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a patch group by group, field by field', () => {
    const merged = mergeSettings(DEFAULT_SETTINGS, { rateLimit: { enabled: true }, writes: { workers: 3 } });
    expect(merged.rateLimit).toEqual({ ...DEFAULT_SETTINGS.rateLimit, enabled: true });
    expect(merged.writes).toEqual({ ...DEFAULT_SETTINGS.writes, workers: 3 });
    expect(merged.appCache).toEqual(DEFAULT_SETTINGS.appCache);
  });

  it("reads every number field's bounds from the schema: the schema accepts them and rejects one step beyond", () => {
    let numbers = 0;
    for (const id of GROUP_IDS) {
      const spec = groupSpec(id);
      for (const [field, schema] of Object.entries(spec.schema.shape)) {
        if ((schema as z.ZodType).def.type !== 'number') continue;
        numbers++;
        const { min, max } = bounds(id, field as never);
        const at = (v: number) => spec.schema.safeParse({ ...spec.defaults, [field]: v }).success;
        expect([at(min), at(max), at(min - 1), at(max + 1)], `${id}.${field}`).toEqual([true, true, false, false]);
      }
    }
    expect(numbers).toBe(10);
    expect(bounds('appCache', 'ttlSeconds')).toEqual({ min: 1, max: 3600 });
    expect(() => bounds('appCache', 'enabled')).toThrow(/not a bounded number/);
  });

  it('describes each group in words, whole and in part', () => {
    const on = {
      pagination: { mode: 'cursor' },
      appCache: { enabled: true, ttlSeconds: 300, maxEntries: 5000, coalesce: false },
      httpCache: { enabled: true, maxAgeSeconds: 60 },
      rateLimit: { enabled: true, algorithm: 'token-bucket', limit: 100, windowSeconds: 60, burst: 20 },
      queryShape: { expand: 'join' },
      writes: { mode: 'queued', processingMs: 50, workers: 2 },
      replica: { enabled: true, lagMs: 1000, consistency: 'read-your-writes' },
    } as const;
    const words = Object.fromEntries(
      GROUP_IDS.map((id) => [id, [describeGroup(id, DEFAULT_SETTINGS[id]), describeGroup(id, on[id])]]),
    );
    expect(words).toEqual({
      pagination: ['offset pages', 'cursor pages'],
      appCache: ['off', 'on, 300 s TTL, up to 5,000 entries, not coalescing misses'],
      httpCache: ['off', 'on, max-age 60 s'],
      rateLimit: ['off', 'on, token bucket, 100 requests per 60 s, bursts up to 20'],
      queryShape: ['one query per row (N+1)', 'one join'],
      writes: ['done in the request, 50 ms per order', 'queued, 50 ms per order, 2 workers'],
      replica: ['off', 'on, 1,000 ms behind, read your writes'],
    });
    expect(describeSetting('rateLimit', on.rateLimit)).toBe(
      'Rate limiter: on, token bucket, 100 requests per 60 s, bursts up to 20',
    );
    // A fixed window has no bucket: its burst is not mentioned.
    expect(describeGroup('rateLimit', { ...on.rateLimit, algorithm: 'fixed-window' })).toBe(
      'on, fixed window, 100 requests per 60 s',
    );
    // Part of a value, as a lesson check names it.
    expect(describeGroup('rateLimit', { enabled: true, algorithm: 'token-bucket' })).toBe('on, token bucket');
    expect(describeGroup('appCache', { enabled: false, ttlSeconds: 1 })).toBe('off');
    expect(phrase('appCache', { enabled: false })).toBe('the app cache off');
    expect(phrase('pagination', { mode: 'unbounded' })).toBe('no pages (every row at once)');
    expect(phrase('queryShape', { expand: 'join' })).toBe('related rows loaded with one join');
  });

  it('describes single fields with their units and words', () => {
    expect(describeField(fieldSpec('rateLimit.windowSeconds'), 10)).toBe('10 s');
    expect(describeField(fieldSpec('appCache.maxEntries'), 100_000)).toBe('100,000 entries');
    expect(describeField(fieldSpec('rateLimit.algorithm'), 'sliding-window')).toBe('sliding window');
    expect(describeField(fieldSpec('appCache.coalesce'), false)).toBe('off');
  });

  it('labels every teaching index, once', () => {
    expect(Object.keys(INDEXES).sort()).toEqual(Object.keys(TEACHING_INDEXES).sort());
    expect(indexLabel('idx_order_user_id')).toBe('Index orders by user');
    expect(indexLabel('idx_custom')).toBe('Index idx_custom');
  });

  it('is what a lesson may name in `knobs:`', () => {
    expect(PANEL_GROUPS).toEqual(['indexes', ...GROUP_IDS]);
    const base = { title: 'A lesson', summary: 'A summary that is long enough.', minutes: 10, part: 'core' };
    expect(frontmatterSchema.safeParse({ ...base, knobs: PANEL_GROUPS }).success).toBe(true);
    expect(frontmatterSchema.safeParse({ ...base, knobs: ['turbo'] }).success).toBe(false);
  });
});
