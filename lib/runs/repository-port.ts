import type { RunRecord } from './schema';
import type { RunPage } from './store';

/** Keyset position after the last run of a page: (started_at, insertion sequence). */
export type RunCursor = NonNullable<RunPage['last']>;

/**
 * The runs half of the control-state repository (lib/store/repository.ts), declared beside the
 * runs so the run manager and the lessons take a store without importing the folder above them.
 */
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
