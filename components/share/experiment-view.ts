import { TEACHING_INDEXES, type TeachingIndex } from '@/lib/db/schema';
import { DEFAULT_SETTINGS, mergeSettings, type KnobSettings, type SettingsPatch } from '@/lib/knobs/schema';
import type { LoadProfile, LoadProfileInput } from '@/lib/load/profile';
import { sharedProfileSchema } from '@/lib/share/experiment';
import { diffKnobs, diffProfiles, type Difference, type KnobSnapshot } from '@/components/lab/run/knob-diff';

/**
 * What a shared experiment would do, in the knob panel's words: the knobs it sets against a
 * given starting point (a fresh sandbox on the server, the opener's own sandbox in the
 * browser), and how its workload differs from the default one.
 */
export function snapshotOf(settings: KnobSettings, present: Partial<Record<string, boolean>>): KnobSnapshot {
  return {
    settings,
    indexes: (Object.keys(TEACHING_INDEXES) as TeachingIndex[]).map((name) => ({
      name,
      sql: TEACHING_INDEXES[name],
      present: present[name] ?? false,
      lastBuildMs: null,
    })),
  };
}

/** The snapshot after applying the experiment's knobs (a patch) to `from`. */
export function applied(from: KnobSnapshot, knobs: SettingsPatch): KnobSnapshot {
  const { indexes, ...settings } = knobs;
  const present = Object.fromEntries(from.indexes.map((i) => [i.name, i.present]));
  return snapshotOf(mergeSettings(from.settings, settings), { ...present, ...indexes });
}

export const freshSandbox = (): KnobSnapshot => snapshotOf(DEFAULT_SETTINGS, {});

export function knobChanges(from: KnobSnapshot, knobs: SettingsPatch): Difference[] {
  return diffKnobs(from, applied(from, knobs));
}

export function workloadChanges(workload: LoadProfileInput): { profile: LoadProfile; changes: Difference[] } {
  const profile = sharedProfileSchema.parse(workload);
  const defaults = sharedProfileSchema.parse({ model: profile.model });
  return { profile, changes: diffProfiles(defaults, profile) };
}
