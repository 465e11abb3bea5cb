import type { SettingsPatch, SettingsResponse } from '@/lib/knobs/schema';

/** What every knob section gets: the current state and a way to change it. */
export type KnobSectionProps = {
  data: SettingsResponse;
  apply: (patch: SettingsPatch) => void;
  busy: boolean;
};
