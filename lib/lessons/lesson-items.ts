import type { Lesson } from './loader';

/**
 * The predictions and quiz questions a lesson asks, read from its MDX: what a learner could
 * possibly have answered, so an imported answer is checked against it and a quiz answer is
 * graded here rather than taken from the client.
 */
export type LessonItems = {
  predictions: Map<string, string[]>;
  /** Quiz id -> how many options, and which one is right (-1 when the lesson marks none). */
  quizzes: Map<string, { options: number; correct: number }>;
};

const TAG = /<(Prediction|Quiz)\b([\s\S]*?)\/>/g;
const ID = /\bid="([a-z0-9-]{1,80})"/;
const OPTIONS = /\boptions=\{\[([\s\S]*?)\]\}/;

export function lessonItems(lesson: Pick<Lesson, 'body'>): LessonItems {
  const out: LessonItems = { predictions: new Map(), quizzes: new Map() };
  for (const m of lesson.body.matchAll(TAG)) {
    const attrs = m[2] ?? '';
    const id = ID.exec(attrs)?.[1];
    const options = OPTIONS.exec(attrs)?.[1] ?? '';
    if (!id) continue;
    if (m[1] === 'Prediction') {
      out.predictions.set(
        id,
        [...options.matchAll(/^\s*"((?:[^"\\]|\\.)*)"\s*,?\s*$/gm)].map((o) => JSON.parse(`"${o[1] ?? ''}"`) as string),
      );
    } else {
      const entries = [...options.matchAll(/\{\s*text:/g)].map((o) => o.index ?? 0);
      const right = options.search(/\bcorrect:\s*true\b/);
      const correct = right < 0 ? -1 : entries.filter((start) => start < right).length - 1;
      out.quizzes.set(id, { options: entries.length, correct });
    }
  }
  return out;
}
