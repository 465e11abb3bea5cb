import { evaluateCheck, type CheckResult } from './checks';
import type { ChangeReport } from './report-schema';
import { whatMattered } from './what-mattered';
import type { Lesson } from './loader';
import { progressItems, saveProgressItem, type ProgressItem } from './progress';
import { listRuns } from '../runs/store';
import type { AppRuntime } from '../runtime';

export type LessonProgress = {
  predictions: Record<string, { choice: string; note?: string; updatedAt: string }>;
  quiz: Record<string, { answer: number; correct: boolean; updatedAt: string }>;
  checks: (CheckResult & { passedAt: string | null })[];
  /** Which changes mattered (lessons with a `report`), from the same runs. */
  report?: ChangeReport;
};

/**
 * A lesson's progress for one learner. Checks are evaluated now against their stored runs;
 * a check that passes is remembered, so it stays passed even after the runs age out.
 */
export function lessonProgress(rt: AppRuntime, learnerId: string, lesson: Lesson, now = new Date()): LessonProgress {
  const items = progressItems(rt.appDb, learnerId, lesson.slug);
  const runs = lesson.frontmatter.checks.length ? listRuns(rt.appDb, learnerId, 200).rows : [];
  const predictions: LessonProgress['predictions'] = {};
  const quiz: LessonProgress['quiz'] = {};
  const passed = new Map<string, Extract<ProgressItem, { kind: 'check' }>>();
  for (const i of items) {
    if (i.kind === 'prediction') predictions[i.item] = { ...i.value, updatedAt: i.updatedAt };
    else if (i.kind === 'quiz') quiz[i.item] = { ...i.value, updatedAt: i.updatedAt };
    else passed.set(i.item, i);
  }
  const checks = lesson.frontmatter.checks.map((check) => {
    const result = evaluateCheck(check, runs);
    const stored = passed.get(check.id);
    if (result.passed && !stored) {
      const at = now.toISOString();
      saveProgressItem(rt.appDb, learnerId, { lesson: lesson.slug, kind: 'check', item: check.id, value: { detail: result.detail, runIds: result.runIds }, updatedAt: at });
      return { ...result, passedAt: at };
    }
    if (!result.passed && stored) return { ...result, passed: true, detail: stored.value.detail, runIds: stored.value.runIds, passedAt: stored.updatedAt };
    return { ...result, passedAt: stored?.updatedAt ?? null };
  });
  const reportCheck = lesson.frontmatter.checks.find((c) => c.id === lesson.frontmatter.report?.check);
  const report = reportCheck?.kind === 'run' ? whatMattered(reportCheck, runs) : undefined;
  return { predictions, quiz, checks, ...(report ? { report } : {}) };
}

/** For the course map: how far each lesson is, from stored items only (no check evaluation). */
export function courseProgress(rt: AppRuntime, learnerId: string): Record<string, { checksPassed: number; quizAnswered: number; predictions: number }> {
  const out: Record<string, { checksPassed: number; quizAnswered: number; predictions: number }> = {};
  for (const i of progressItems(rt.appDb, learnerId)) {
    const p = (out[i.lesson] ??= { checksPassed: 0, quizAnswered: 0, predictions: 0 });
    if (i.kind === 'check') p.checksPassed++;
    else if (i.kind === 'quiz') p.quizAnswered++;
    else p.predictions++;
  }
  return out;
}
