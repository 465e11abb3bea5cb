import type { LearnerRepository, SandboxRepository } from '../db/repository-ports';
import type { SettingsRepository } from '../knobs/settings-port';
import type { AppRuntime } from '../runtime';

/**
 * What the control services need of the control-state repository: learners, their sandboxes
 * and knobs. The whole Repository (lib/store) fits; lib/main-thread/store.ts hands it in.
 */
export type ControlStore = { learners: LearnerRepository; sandboxes: SandboxRepository; settings: SettingsRepository };

/** The main thread's runtime with the store every control read and write goes through. */
export type ControlRuntime = AppRuntime & { repo: ControlStore };
