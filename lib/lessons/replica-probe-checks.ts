import type { LessonCheck } from './frontmatter';
import type { Lesson } from './loader';
import type { ProgressItem } from './progress';
import type { ProgressRepository } from './repository-port';
import type { ProbeResult } from '../replica/probe-schema';

type ProbeCheck = Extract<LessonCheck, { kind: 'probe' }>;

/** A probe must place this many orders to count: a couple of lucky reads prove nothing. */
export const MIN_PROBE_WRITES = 10;

/**
 * Whether a measured probe passes a probe check, and what to tell the learner. 'fresh' also
 * needs other clients' reads to have missed writes: it shows the replica was behind and
 * read-your-writes did the work, not a replica that happened to be caught up.
 */
export function probeVerdict(check: ProbeCheck, r: ProbeResult): { passed: boolean; detail: string } {
  const s = r.summary;
  if (!r.replica.enabled || r.replica.consistency !== check.consistency)
    return { passed: false, detail: 'The probe ran with other settings.' };
  if (s.writes < MIN_PROBE_WRITES)
    return {
      passed: false,
      detail: `The probe placed ${s.writes} orders; the check needs at least ${MIN_PROBE_WRITES}.`,
    };
  const setting = `${r.replica.lagMs.toLocaleString('en')} ms lag, ${check.consistency === 'eventual' ? 'eventual' : 'read your writes'}`;
  if (check.ownReads === 'stale') {
    return s.ownStale > 0
      ? {
          passed: true,
          detail: `Done: the writer missed ${s.ownStale} of its ${s.writes} orders right after placing them (${setting}).`,
        }
      : { passed: false, detail: `No stale read in that probe (${setting}): try a longer lag.` };
  }
  if (s.ownStale > 0)
    return { passed: false, detail: `The writer still missed ${s.ownStale} of its ${s.writes} orders (${setting}).` };
  if (s.otherStale === 0)
    return {
      passed: false,
      detail: `No read missed anything (${setting}), so the replica was not behind: try a longer lag.`,
    };
  return {
    passed: true,
    detail: `Done: the writer missed 0 of its ${s.writes} orders; another client missed ${s.otherStale} (${setting}).`,
  };
}

/** Stores every probe check this result passes, in every lesson that has one; returns their ids. */
export async function recordProbeChecks(
  progress: ProgressRepository,
  learnerId: string,
  lessons: Lesson[],
  r: ProbeResult,
  now = new Date(),
): Promise<string[]> {
  const passed: string[] = [];
  const items: ProgressItem[] = [];
  for (const lesson of lessons) {
    for (const check of lesson.frontmatter.checks) {
      if (check.kind !== 'probe') continue;
      const v = probeVerdict(check, r);
      if (!v.passed) continue;
      items.push({
        lesson: lesson.slug,
        kind: 'check',
        item: check.id,
        value: { detail: v.detail, runIds: [] },
        updatedAt: now.toISOString(),
      });
      passed.push(check.id);
    }
  }
  if (items.length) await progress.put(learnerId, items);
  return passed;
}
