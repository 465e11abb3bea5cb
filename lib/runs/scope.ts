import type { RunRecord } from './schema';

/**
 * Which runs a lesson's verdict may read: only runs started from that lesson's page, and only
 * since the learner last started (or reset) it. A run from another lesson, or from an earlier
 * go at this one, is never a baseline. A prediction's reveal narrows further, to runs started
 * after the guess was committed, so a measurement can never precede the guess it answers.
 * Pure, so the scoping rule is tested on its own; the store pre-filters with the same rule.
 */
export type VerdictScope = {
  lesson: string;
  /** The lesson's epoch (ISO time): null when the learner never started it from its page. */
  since: string | null;
  /** For a prediction's reveal: when the prediction was committed. */
  after?: string | null;
};

type Scoped = Pick<RunRecord, 'lesson' | 'startedAt'>;

export function inScope(run: Scoped, scope: VerdictScope): boolean {
  if (run.lesson !== scope.lesson) return false;
  if (scope.since !== null && run.startedAt < scope.since) return false;
  if (scope.after && run.startedAt < scope.after) return false;
  return true;
}

export function runsForVerdict<R extends Scoped>(runs: readonly R[], scope: VerdictScope): R[] {
  return runs.filter((r) => inScope(r, scope));
}
