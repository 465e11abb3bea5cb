import type { ControlStore } from '../control/ports';
import type { AppRuntime } from '../runtime';
import type { RunRepository } from '../runs/repository-port';
import type { ProgressItem } from './progress';

/** The progress and lesson-epoch halves of the control-state repository (lib/store/repository.ts). */
export interface ProgressRepository {
  list(learnerId: string, lesson?: string): Promise<ProgressItem[]>;
  /** Upserts each item by (lesson, kind, item), all or nothing. */
  put(learnerId: string, items: ProgressItem[]): Promise<void>;
}

export interface EpochRepository {
  /** When the learner last started the lesson (ISO), or null if never. */
  get(learnerId: string, lesson: string): Promise<string | null>;
  mark(learnerId: string, lesson: string, at: Date): Promise<string>;
}

/** What the lesson services read and write: progress, epochs and the learner's runs. */
export type LessonStore = { progress: ProgressRepository; epochs: EpochRepository; runs: RunRepository };

/** The main thread's runtime with the store the lesson services (and the control ones they call) use. */
export type LessonRuntime = AppRuntime & { repo: ControlStore & LessonStore };
