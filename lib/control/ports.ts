import type { LearnerRepository, SandboxRepository } from '../db/repository-ports';
import type { SettingsRepository } from '../knobs/settings-port';
import type { AppRuntime } from '../runtime';
import type { SandboxAdopter } from './adopt-sandbox';

/**
 * What the control services need of the control-state repository: learners, their sandboxes
 * and knobs. The whole Repository (lib/store) fits; lib/main-thread/store.ts hands it in.
 */
export type ControlStore = { learners: LearnerRepository; sandboxes: SandboxRepository; settings: SettingsRepository };

/**
 * The main thread's runtime with the store every control read and write goes through. In
 * cluster mode `adopt` takes over a learner's sandbox that this node does not hold yet.
 */
export type ControlRuntime = AppRuntime & { repo: ControlStore; adopt?: SandboxAdopter['adopt'] };
