import type { SandboxRecord } from '../db/app-db';
import type { LearnerRepository, LearnerSummary, SandboxRepository } from '../db/repository-ports';
import type { SettingsRepository } from '../knobs/settings-port';
import type { EpochRepository, ProgressRepository } from '../lessons/repository-port';
import type { RunCursor, RunRepository } from '../runs/repository-port';
import type { RunPage } from '../runs/store';

/**
 * The seam between Scale Lab's domain code and where its control state lives: who the learners
 * are, the sandbox each owns, their knobs, runs, progress, lesson epochs and the room's shared
 * state. Two adapters implement it: the embedded default over app.db (SQLite, one node) and
 * PostgreSQL for cluster mode, where every node must see the same learners. One contract suite
 * (lib/store/contract.ts) runs against both, so a caller cannot tell them apart.
 *
 * Async throughout, because the PostgreSQL adapter is; the SQLite adapter answers at once.
 * Every read of learner-owned data takes the learner id: no method lists another learner's runs
 * or progress by accident.
 */

export type { SandboxRecord };
export type { LearnerSummary };

export type { RunPage, RunCursor };
// Each part is declared beside the data it serves, so services below lib/store can take one.
export type { LearnerRepository, SandboxRepository, SettingsRepository, RunRepository };
export type { ProgressRepository, EpochRepository };

/** The room's shared state as JSON values by key; lib/workshop validates what it reads. */
export interface WorkshopRepository {
  get(key: string): Promise<unknown>;
  /** null deletes the key. */
  set(key: string, value: unknown): Promise<void>;
}

export interface Repository {
  readonly kind: 'sqlite' | 'postgres';
  learners: LearnerRepository;
  sandboxes: SandboxRepository;
  settings: SettingsRepository;
  runs: RunRepository;
  progress: ProgressRepository;
  epochs: EpochRepository;
  workshop: WorkshopRepository;
  close(): Promise<void>;
}
