import type { LearnerRow, SandboxRecord } from './app-db';

/**
 * The learner and sandbox halves of the control-state repository (lib/store/repository.ts),
 * declared here, beside the rows they return, so the main-thread services below lib/store
 * (lib/control, lib/lessons) can take a store without importing the folder above them.
 */
/**
 * One row of the instructor's roster: a learner with their sandbox and the node whose disk
 * holds it (in the embedded default, this node; null where no node has taken it yet).
 */
export type LearnerSummary = LearnerRow & { node_id: string | null };

export interface LearnerRepository {
  /** A new learner and the sandbox they own, in one transaction. */
  createWithSandbox(now: Date): Promise<SandboxRecord>;
  list(): Promise<LearnerSummary[]>;
  setNickname(learnerId: string, nickname: string): Promise<void>;
  /** Where a learner is now; a null lesson keeps the last one known. */
  markPresence(learnerId: string, lesson: string | null, now: Date): Promise<void>;
}

export interface SandboxRepository {
  find(sandboxId: string): Promise<SandboxRecord | undefined>;
  markReset(sandboxId: string, now: Date): Promise<void>;
  touch(sandboxId: string, now: Date): Promise<void>;
  /** Sandboxes untouched since `cutoff`: idle cleanup gives their disk back. */
  idleSince(cutoff: Date): Promise<string[]>;
  count(): Promise<number>;
}
