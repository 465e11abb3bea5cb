import type { TeachingIndex } from '../db/schema';
import {
  describeField,
  describeGroup,
  describeIndex,
  GROUP_IDS,
  groupSpec,
  INDEXES,
  INDEX_NAMES,
  type KnobGroup,
} from './registry';
import type { IndexState, KnobSettings, SettingsPatch } from './schema';

/** A sandbox's knobs as one value: every group's settings and which teaching indexes exist. */
export type KnobState = { settings: KnobSettings; indexes: Record<TeachingIndex, boolean> };

/** One knob that differs from a target state, in words, with the patch that sets it to the target. */
export type KnobDifference = {
  /** 'rateLimit' (the whole group), 'rateLimit.windowSeconds' (one field), or an index name. */
  key: string;
  group: KnobGroup;
  /** "Rate limiter", "Rate limit window", "Index orders by user". */
  label: string;
  current: string;
  target: string;
  /** How a sentence refers back to the knob ("starts with it off"); none when the value names it. */
  pronoun?: 'it' | 'them';
  patch: SettingsPatch;
};

export function knobState(settings: KnobSettings, indexes: Pick<IndexState, 'name' | 'present'>[]): KnobState {
  const present = new Map(indexes.map((i) => [i.name, i.present]));
  return {
    settings,
    indexes: Object.fromEntries(INDEX_NAMES.map((n) => [n, present.get(n) ?? false])) as KnobState['indexes'],
  };
}

/** The patch that sets every knob (every group in full, every index) to this state. */
export function statePatch(state: KnobState): SettingsPatch {
  return { ...state.settings, indexes: { ...state.indexes } };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every knob where `current` differs from `target`, in the registry's words. A group whose
 * description changes ("on, token bucket" against "off") is one difference; a group that
 * reads the same but differs underneath (both off, windows of 60 s and 10 s) is listed per
 * field, so no difference is hidden behind identical words.
 */
export function knobDifferences(current: KnobState, target: KnobState): KnobDifference[] {
  const out: KnobDifference[] = [];
  for (const name of INDEX_NAMES) {
    if (current.indexes[name] === target.indexes[name]) continue;
    out.push({
      key: name,
      group: 'indexes',
      label: INDEXES[name].label,
      pronoun: 'it',
      current: describeIndex(current.indexes[name]),
      target: describeIndex(target.indexes[name]),
      patch: { indexes: { [name]: target.indexes[name] } },
    });
  }
  for (const g of GROUP_IDS) {
    const cur: Record<string, unknown> = current.settings[g];
    const tgt: Record<string, unknown> = target.settings[g];
    if (same(cur, tgt)) continue;
    const spec = groupSpec(g);
    const [a, b] = [describeGroup(g, cur), describeGroup(g, tgt)];
    if (a !== b) {
      out.push({
        key: g,
        group: g,
        label: spec.label,
        pronoun: spec.pronoun,
        current: a,
        target: b,
        patch: { [g]: tgt },
      });
      continue;
    }
    for (const [field, fieldSpec] of Object.entries(spec.fields)) {
      if (same(cur[field], tgt[field])) continue;
      out.push({
        key: `${g}.${field}`,
        group: g,
        label: fieldSpec.label,
        current: describeField(fieldSpec, cur[field]),
        target: describeField(fieldSpec, tgt[field]),
        patch: { [g]: { [field]: tgt[field] } },
      });
    }
  }
  return out;
}
