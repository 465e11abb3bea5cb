import { knobState, statePatch, type KnobState } from '../knobs/diff';
import { applyKnobPatch } from '../control/apply-knobs';
import { readKnobs } from '../control/read-knobs';
import type { LabHost } from '../lab-server/host';
import type { LessonRuntime } from './repository-port';
import type { Lesson } from './loader';
import { lessonStart, startDifferences, type VisitResult } from './start-state';

/** Whose lesson: the learner (progress, epochs) and the sandbox their knobs belong to. */
export type LessonLearner = { learnerId: string; sandboxId: string };

async function currentState(rt: LessonRuntime, lab: LabHost, sandboxId: string): Promise<KnobState> {
  const { settings, indexes } = await readKnobs(rt, lab, sandboxId);
  return knobState(settings, indexes);
}

/**
 * The lesson page calls this when it opens. On the learner's first visit (no epoch yet) the
 * lesson's start is applied and the epoch marked; the answer lists what changed and the
 * knobs they had, for Undo. On a later visit nothing is changed: the answer says how their
 * sandbox differs from the start, if it does.
 */
export async function visitLesson(
  rt: LessonRuntime,
  lab: LabHost,
  who: LessonLearner,
  lesson: Lesson,
  now: Date,
): Promise<VisitResult> {
  const start = lessonStart(lesson.frontmatter);
  const current = await currentState(rt, lab, who.sandboxId);
  const differences = startDifferences(start, current);
  const epoch = await rt.repo.epochs.get(who.learnerId, lesson.slug);
  if (epoch !== null)
    return differences.length ? { state: 'differs', epoch, differences } : { state: 'at-start', epoch };
  // Applied first, marked after: a lab that fails mid-way leaves the first visit for the next load.
  if (differences.length) await applyKnobPatch(rt, lab, who.sandboxId, statePatch(start), 'defaults');
  return {
    state: 'applied',
    epoch: await rt.repo.epochs.mark(who.learnerId, lesson.slug, now),
    changes: differences,
    undo: statePatch(current),
  };
}

/** "Apply lesson start": the lesson's knobs on the learner's sandbox (their data stays), and a new epoch. */
export async function applyLessonStart(rt: LessonRuntime, lab: LabHost, who: LessonLearner, lesson: Lesson, now: Date) {
  const knobs = await applyKnobPatch(rt, lab, who.sandboxId, statePatch(lessonStart(lesson.frontmatter)), 'defaults');
  return { ...knobs, epoch: await rt.repo.epochs.mark(who.learnerId, lesson.slug, now) };
}
