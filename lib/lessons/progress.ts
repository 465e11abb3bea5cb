import { z } from 'zod';
import { prepareCached, type Db } from '../db/open';

/** Progress items as stored and as exported: one shape for both, validated both ways. */
export const PROGRESS_KINDS = ['prediction', 'quiz', 'check'] as const;

export const predictionValueSchema = z.strictObject({
  choice: z.string().min(1).max(200),
  note: z.string().max(500).optional(),
});
export const quizValueSchema = z.strictObject({ answer: z.number().int().min(0).max(20), correct: z.boolean() });
export const checkValueSchema = z.object({ detail: z.string(), runIds: z.array(z.string()) });

export const progressItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    lesson: z.string(),
    kind: z.literal('prediction'),
    item: z.string().max(80),
    value: predictionValueSchema,
    updatedAt: z.string(),
  }),
  z.strictObject({
    lesson: z.string(),
    kind: z.literal('quiz'),
    item: z.string().max(80),
    value: quizValueSchema,
    updatedAt: z.string(),
  }),
  z.strictObject({
    lesson: z.string(),
    kind: z.literal('check'),
    item: z.string().max(80),
    value: checkValueSchema,
    updatedAt: z.string(),
  }),
]);
export type ProgressItem = z.infer<typeof progressItemSchema>;

export const progressFileSchema = z.strictObject({
  format: z.literal('scale-lab-progress'),
  version: z.literal(1),
  exportedAt: z.string(),
  items: z.array(progressItemSchema).max(10_000),
});
export type ProgressFile = z.infer<typeof progressFileSchema>;

type Row = { lesson: string; kind: string; item: string; value: string; updated_at: string };

export function saveProgressItem(db: Db, learnerId: string, item: ProgressItem): void {
  prepareCached(
    db,
    `INSERT INTO progress (learner_id, lesson, kind, item, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (learner_id, lesson, kind, item) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(learnerId, item.lesson, item.kind, item.item, JSON.stringify(item.value), item.updatedAt);
}

export function progressItems(db: Db, learnerId: string, lesson?: string): ProgressItem[] {
  const rows = (
    lesson
      ? prepareCached(db, 'SELECT * FROM progress WHERE learner_id = ? AND lesson = ? ORDER BY lesson, kind, item').all(
          learnerId,
          lesson,
        )
      : prepareCached(db, 'SELECT * FROM progress WHERE learner_id = ? ORDER BY lesson, kind, item').all(learnerId)
  ) as Row[];
  return rows.flatMap((r) => {
    const parsed = progressItemSchema.safeParse({
      lesson: r.lesson,
      kind: r.kind,
      item: r.item,
      value: JSON.parse(r.value),
      updatedAt: r.updated_at,
    });
    return parsed.success ? [parsed.data] : [];
  });
}
