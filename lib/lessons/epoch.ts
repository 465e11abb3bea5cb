import { prepareCached, type Db } from '../db/open';

/**
 * A lesson's epoch: when this learner last started the lesson (first visit, "Reset this lesson" or
 * "Apply lesson start"). Verdicts read only runs made since then, so a run from another visit or
 * another lesson is never a baseline.
 */
export function lessonEpoch(db: Db, learnerId: string, lesson: string): string | null {
  const row = prepareCached(db, 'SELECT started_at FROM lesson_epochs WHERE learner_id = ? AND lesson = ?').get(
    learnerId,
    lesson,
  ) as { started_at: string } | undefined;
  return row?.started_at ?? null;
}

export function markLessonEpoch(db: Db, learnerId: string, lesson: string, at: Date): string {
  const startedAt = at.toISOString();
  prepareCached(
    db,
    `INSERT INTO lesson_epochs (learner_id, lesson, started_at) VALUES (?, ?, ?)
     ON CONFLICT (learner_id, lesson) DO UPDATE SET started_at = excluded.started_at`,
  ).run(learnerId, lesson, startedAt);
  return startedAt;
}
