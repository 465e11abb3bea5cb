import { z } from 'zod';
import { lessonItems, type LessonItems } from './lesson-items';
import { findLesson } from './loader';
import type { ProgressItem } from './progress';
import type { ProgressRepository } from './repository-port';

/**
 * What an imported progress file may carry: only what a learner could have entered on the
 * lesson pages, predictions and quiz answers, for lessons and questions that exist, with
 * bounded lengths and counts. A check is computed by the server from the learner's own runs
 * and is never imported (an export still lists them; import skips them). A quiz answer is
 * graded here against the lesson; a `correct` field from the file is ignored.
 */
export const MAX_IMPORT_ITEMS = 500;

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be a lesson slug');
const itemId = z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be an item id');
const when = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

const importItemSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      lesson: slug,
      kind: z.literal('prediction'),
      item: itemId,
      updatedAt: when,
      value: z.strictObject({ choice: z.string().min(1).max(200), note: z.string().max(500).optional() }),
    }),
    z.strictObject({
      lesson: slug,
      kind: z.literal('quiz'),
      item: itemId,
      updatedAt: when,
      value: z.strictObject({ answer: z.number().int().min(0).max(20), correct: z.boolean().optional() }),
    }),
    // Accepted so a whole export imports, then skipped: bounded so it cannot carry bulk.
    z.strictObject({
      lesson: slug,
      kind: z.literal('check'),
      item: itemId,
      updatedAt: when,
      value: z.strictObject({ detail: z.string().max(2000), runIds: z.array(z.string().max(40)).max(50) }),
    }),
  ],
  { error: 'kind must be "prediction" or "quiz" (checks are computed by the server)' },
);

export const progressImportSchema = z.strictObject({
  format: z.literal('scale-lab-progress'),
  version: z.literal(1),
  exportedAt: when,
  items: z.array(importItemSchema).max(MAX_IMPORT_ITEMS, `at most ${MAX_IMPORT_ITEMS} items`),
});
export type ProgressImport = z.infer<typeof progressImportSchema>;

export type ImportProblem = { pointer: string; detail: string };

/** Checks each item against the lessons; returns the items to store, or what is wrong with the file. */
export function vetImport(
  file: ProgressImport,
  now = new Date(),
): { ok: true; items: ProgressItem[]; skippedChecks: number } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const items: ProgressItem[] = [];
  const known = new Map<string, LessonItems | null>();
  let skippedChecks = 0;
  file.items.forEach((it, i) => {
    const at = `#/items/${i}`;
    if (it.kind === 'check') return void skippedChecks++;
    if (!known.has(it.lesson)) {
      const lesson = findLesson(it.lesson);
      known.set(it.lesson, lesson ? lessonItems(lesson) : null);
    }
    const lesson = known.get(it.lesson);
    if (!lesson) return void problems.push({ pointer: `${at}/lesson`, detail: `there is no lesson "${it.lesson}"` });
    // A date in the future would win every later merge: clamp it to now.
    const updatedAt = new Date(Math.min(Date.parse(it.updatedAt), now.getTime())).toISOString();
    if (it.kind === 'prediction') {
      const options = lesson.predictions.get(it.item);
      if (!options)
        return void problems.push({
          pointer: `${at}/item`,
          detail: `lesson "${it.lesson}" has no prediction "${it.item}"`,
        });
      if (options.length && !options.includes(it.value.choice))
        return void problems.push({ pointer: `${at}/value/choice`, detail: "is not one of the prediction's options" });
      return void items.push({ lesson: it.lesson, kind: 'prediction', item: it.item, value: it.value, updatedAt });
    }
    const quiz = lesson.quizzes.get(it.item);
    if (!quiz)
      return void problems.push({
        pointer: `${at}/item`,
        detail: `lesson "${it.lesson}" has no quiz question "${it.item}"`,
      });
    if (it.value.answer >= quiz.options)
      return void problems.push({
        pointer: `${at}/value/answer`,
        detail: `must be below ${quiz.options} (the question has ${quiz.options} options)`,
      });
    items.push({
      lesson: it.lesson,
      kind: 'quiz',
      item: it.item,
      value: { answer: it.value.answer, correct: it.value.answer === quiz.correct },
      updatedAt,
    });
  });
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, items, skippedChecks };
}

/** Merges: for each item the newer of the two versions wins, so importing twice is harmless. */
export async function importVetted(
  progress: ProgressRepository,
  learnerId: string,
  items: ProgressItem[],
): Promise<{ imported: number; kept: number }> {
  const key = (i: ProgressItem) => `${i.lesson}/${i.kind}/${i.item}`;
  const existing = new Map((await progress.list(learnerId)).map((i) => [key(i), i.updatedAt]));
  const newer = items.filter((item) => {
    const have = existing.get(key(item));
    return !(have && have >= item.updatedAt);
  });
  if (newer.length) await progress.put(learnerId, newer);
  return { imported: newer.length, kept: items.length - newer.length };
}
