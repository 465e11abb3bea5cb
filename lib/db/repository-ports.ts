import type { LearnerRow, SandboxRecord } from './app-db';

/** The stored shape of a learner's console-made indexes; lib/sql-console/console-indexes.ts owns the meaning. */
export type ConsoleIndex = { name: string; sql: string };
export type ConsoleIndexes = { created: ConsoleIndex[]; dropped: string[] };

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

/** When a sandbox last moved to another node, and from which. */
export type SandboxMove = { at: string; from: string };

export interface SandboxRepository {
  find(sandboxId: string): Promise<SandboxRecord | undefined>;
  /** Also forgets its teaching and console indexes: a reset is a fresh copy of the template. */
  markReset(sandboxId: string, now: Date): Promise<void>;
  touch(sandboxId: string, now: Date): Promise<void>;
  /** Sandboxes untouched since `cutoff`: idle cleanup gives their disk back. */
  idleSince(cutoff: Date): Promise<string[]>;
  count(): Promise<number>;
  /** The teaching indexes the learner has on (names, sorted): rebuilt when another node takes the sandbox over. */
  indexes(sandboxId: string): Promise<string[]>;
  setIndexes(sandboxId: string, names: string[]): Promise<void>;
  /**
   * Indexes the learner made or dropped in the SQL console (lib/sql-console/console-indexes.ts),
   * rebuilt with the teaching ones when another node takes the sandbox over. What is read back
   * has passed the console's guard again.
   */
  consoleIndexes(sandboxId: string): Promise<ConsoleIndexes>;
  setConsoleIndexes(sandboxId: string, state: ConsoleIndexes): Promise<void>;
  /** The node whose disk holds the sandbox file; null on one node (app.db) or before any node claimed it. */
  holder(sandboxId: string): Promise<string | null>;
  /**
   * This node holds the sandbox from now on. When another node held it, the move is recorded
   * (moved()) and that node's id returned. On one node (app.db) there is nowhere to move: null.
   */
  hold(sandboxId: string, now: Date): Promise<string | null>;
  moved(sandboxId: string): Promise<SandboxMove | null>;
}
