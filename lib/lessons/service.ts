import { evaluateCheck, type CheckResult } from './checks';
import type { ChangeReport } from './report-schema';
import { whatMattered } from './what-mattered';
import type { Lesson } from './loader';
import type { ProgressItem } from './progress';
import { quizOrder } from './quiz-order';
import { lessonWidgets } from './widgets';
import { runsForVerdict } from '../runs/scope';
import type { RunRecord } from '../runs/schema';
import type { LessonStore } from './repository-port';

/** What a committed prediction's check measured, from runs started after the guess only. */
export type PredictionMeasured = { passed: boolean; detail: string; runIds: string[] };

export type LessonProgress = {
  /** When the learner last started this lesson: verdicts read only this lesson's runs since then. */
  since: string | null;
  predictions: Record<
    string,
    { choice: string; note?: string; updatedAt: string; measured?: PredictionMeasured | null }
  >;
  quiz: Record<string, { answer: number; correct: boolean; updatedAt: string }>;
  /** Each quiz's options in this learner's order (indexes into the options as authored). */
  quizOrder: Record<string, number[]>;
  checks: (CheckResult & { passedAt: string | null })[];
  /** Which changes mattered (lessons with a `report`), from the same runs. */
  report?: ChangeReport;
};

/**
 * A lesson's progress for one learner. Checks are evaluated now against their stored runs;
 * a check that passes is remembered, so it stays passed even after the runs age out.
 */
export async function lessonProgress(
  repo: LessonStore,
  learnerId: string,
  lesson: Lesson,
  now = new Date(),
): Promise<LessonProgress> {
  const [items, since] = await Promise.all([
    repo.progress.list(learnerId, lesson.slug),
    repo.epochs.get(learnerId, lesson.slug),
  ]);
  const scope = { lesson: lesson.slug, since };
  const runs = lesson.frontmatter.checks.length
    ? runsForVerdict(await repo.runs.listForLesson(learnerId, lesson.slug, since), scope)
    : [];
  const predictions: LessonProgress['predictions'] = {};
  const quiz: LessonProgress['quiz'] = {};
  const passed = new Map<string, Extract<ProgressItem, { kind: 'check' }>>();
  for (const i of items) {
    if (i.kind === 'prediction') predictions[i.item] = { ...i.value, updatedAt: i.updatedAt };
    else if (i.kind === 'quiz') quiz[i.item] = { ...i.value, updatedAt: i.updatedAt };
    else passed.set(i.item, i);
  }
  const newlyPassed: ProgressItem[] = [];
  const checks = lesson.frontmatter.checks.map((check) => {
    const result = evaluateCheck(check, runs);
    const stored = passed.get(check.id);
    if (result.passed && !stored) {
      const at = now.toISOString();
      newlyPassed.push({
        lesson: lesson.slug,
        kind: 'check',
        item: check.id,
        value: { detail: result.detail, runIds: result.runIds },
        updatedAt: at,
      });
      return { ...result, passedAt: at };
    }
    if (!result.passed && stored)
      return {
        ...result,
        passed: true,
        detail: stored.value.detail,
        runIds: stored.value.runIds,
        passedAt: stored.updatedAt,
      };
    return { ...result, passedAt: stored?.updatedAt ?? null };
  });
  if (newlyPassed.length) await repo.progress.put(learnerId, newlyPassed);
  const reportCheck = lesson.frontmatter.checks.find((c) => c.id === lesson.frontmatter.report?.check);
  const report = reportCheck?.kind === 'run' ? whatMattered(reportCheck, runs) : undefined;
  const widgets = lessonWidgets(lesson);
  const order = Object.fromEntries(widgets.quizzes.map((q) => [q.id, quizOrder(learnerId, q.id, q.options.length)]));
  for (const p of widgets.predictions) {
    const committed = predictions[p.id];
    const check = lesson.frontmatter.checks.find((c) => c.id === p.check);
    if (committed && check)
      committed.measured = revealFor(
        check,
        runsForVerdict(runs, { ...scope, after: committed.updatedAt }),
        checks.find((c) => c.id === check.id),
        committed.updatedAt,
      );
  }
  return { since, predictions, quiz, quizOrder: order, checks, ...(report ? { report } : {}) };
}

/**
 * A prediction's reveal: its check measured on runs started after the guess. A probe check is
 * passed by the probe route, so its reveal is the stored pass, if it came after the guess.
 */
function revealFor(
  check: Lesson['frontmatter']['checks'][number],
  after: RunRecord[],
  current: LessonProgress['checks'][number] | undefined,
  committedAt: string,
): PredictionMeasured | null {
  if (check.kind === 'probe') {
    return current?.passed && current.passedAt && current.passedAt >= committedAt
      ? { passed: true, detail: current.detail, runIds: current.runIds }
      : null;
  }
  const r = evaluateCheck(check, after);
  return r.runIds.length ? { passed: r.passed, detail: r.detail, runIds: r.runIds } : null;
}

/** For the course map: how far each lesson is, from stored items only (no check evaluation). */
export async function courseProgress(
  repo: LessonStore,
  learnerId: string,
): Promise<Record<string, { checksPassed: number; quizAnswered: number; predictions: number }>> {
  const out: Record<string, { checksPassed: number; quizAnswered: number; predictions: number }> = {};
  for (const i of await repo.progress.list(learnerId)) {
    const p = (out[i.lesson] ??= { checksPassed: 0, quizAnswered: 0, predictions: 0 });
    if (i.kind === 'check') p.checksPassed++;
    else if (i.kind === 'quiz') p.quizAnswered++;
    else p.predictions++;
  }
  return out;
}
