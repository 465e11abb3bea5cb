import type { LearnerRow, SandboxRecord } from '../db/app-db';
import type { KnobSettings } from '../knobs/schema';
import type { ProgressItem } from '../lessons/progress';
import type { RunRecord } from '../runs/schema';
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
/**
 * One row of the instructor's roster: a learner with their sandbox and the node whose disk
 * holds it (in the embedded default, this node; null where no node has taken it yet).
 */
export type LearnerSummary = LearnerRow & { node_id: string | null };

export type { RunPage };
/** Keyset position after the last run of a page: (started_at, insertion sequence). */
export type RunCursor = NonNullable<RunPage['last']>;

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

export interface SettingsRepository {
  /** The sandbox's knobs; the defaults where nothing (or an older, unreadable shape) is stored. */
  read(sandboxId: string): Promise<KnobSettings>;
  write(sandboxId: string, settings: KnobSettings, now: Date): Promise<void>;
}

export interface RunRepository {
  insert(learnerId: string, sandboxId: string, run: RunRecord): Promise<void>;
  finish(run: RunRecord): Promise<void>;
  /** With its per-second stats; undefined when the run is not this learner's. */
  get(learnerId: string, runId: string): Promise<RunRecord | undefined>;
  /** Newest first, without per-second stats. */
  list(learnerId: string, limit: number, after?: RunCursor): Promise<RunPage>;
  /** One lesson's runs started at or after `since` (its epoch), newest first, without per-second stats. */
  listForLesson(learnerId: string, lesson: string, since: string | null, limit?: number): Promise<RunRecord[]>;
  /**
   * Marks runs still "running" as failed with `reason`: at start for this node's own runs (the
   * process that ran them is gone), and in cluster mode for the runs of a node found dead.
   */
  failRunning(reason: string, now: Date, nodeId?: string): Promise<number>;
}

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
