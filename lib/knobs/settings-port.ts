import type { KnobSettings } from './schema';

/** The knob half of the control-state repository (lib/store/repository.ts), declared beside the knobs. */
export interface SettingsRepository {
  /** The sandbox's knobs; the defaults where nothing (or an older, unreadable shape) is stored. */
  read(sandboxId: string): Promise<KnobSettings>;
  write(sandboxId: string, settings: KnobSettings, now: Date): Promise<void>;
}
