import { TEACHING_INDEXES, type TeachingIndex } from '@/lib/db/schema';
import { DEFAULT_SETTINGS, mergeSettings, type KnobSettings, type SettingsPatch } from '@/lib/knobs/schema';
import { loadProfileSchema, type LoadProfileInput } from '@/lib/load/profile';
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

export function workloadChanges(workload: LoadProfileInput): {
  profile: Record<string, unknown>;
  changes: Difference[];
} {
  // Compared field by field, as stored runs' profiles are (a generic record: see lib/runs/schema.ts).
  const profile = loadProfileSchema.parse(workload) as unknown as Record<string, unknown>;
  const defaults = loadProfileSchema.parse({ model: profile.model }) as unknown as Record<string, unknown>;
  return { profile, changes: diffProfiles(defaults, profile) };
}
