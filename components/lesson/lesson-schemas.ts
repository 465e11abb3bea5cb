import { z } from 'zod';
import { settingsResponseSchema } from '@/lib/knobs/schema';
import { changeReportSchema } from '@/lib/lessons/report-schema';
import { visitResultSchema } from '@/lib/lessons/start-state';

/**
 * The answers of the lesson API, as zod schemas. Only lesson-api.ts imports this, and only
 * with import(): zod (~30 KB gzipped) then arrives with the first answer, not with the page.
 * lessonProgressSchema is read at boot, so the browser checks it with lesson-progress-shape.ts
 * instead; this schema stays the definition that check is tested against.
 */
const checkResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  runIds: z.array(z.string()),
  passedAt: z.string().nullable(),
});
const measuredSchema = z.object({ passed: z.boolean(), detail: z.string(), runIds: z.array(z.string()) });
export const lessonProgressSchema = z.object({
  since: z.string().nullable(),
  predictions: z.record(
    z.string(),
    z.object({
      choice: z.string(),
      note: z.string().optional(),
      updatedAt: z.string(),
      measured: measuredSchema.nullable().optional(),
    }),
  ),
  quiz: z.record(z.string(), z.object({ answer: z.number(), correct: z.boolean(), updatedAt: z.string() })),
  quizOrder: z.record(z.string(), z.array(z.number())),
  checks: z.array(checkResultSchema),
  report: changeReportSchema.optional(),
});
export type LessonProgressData = z.infer<typeof lessonProgressSchema>;
export type CheckResultData = z.infer<typeof checkResultSchema>;

export const savedItemSchema = z.object({ updatedAt: z.string() }).passthrough();
export const lessonResetSchema = settingsResponseSchema.extend({ resetAt: z.string(), resetMs: z.number() });
export { settingsResponseSchema, visitResultSchema };
export const lessonStartSchema = settingsResponseSchema.extend({ epoch: z.string() });
