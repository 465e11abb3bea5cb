import { z } from 'zod';
import { controlFetch, sendJson } from '@/lib/client/control-client';
import { settingsResponseSchema } from '@/lib/knobs/schema';
import { changeReportSchema } from '@/lib/lessons/report-schema';
import { visitResultSchema } from '@/lib/lessons/start-state';

/** Browser calls for one lesson's progress, checks and presets. */
const checkResultSchema = z.object({
  id: z.string(), title: z.string(), passed: z.boolean(), detail: z.string(), runIds: z.array(z.string()), passedAt: z.string().nullable(),
});
export const lessonProgressSchema = z.object({
  predictions: z.record(z.string(), z.object({ choice: z.string(), note: z.string().optional(), updatedAt: z.string() })),
  quiz: z.record(z.string(), z.object({ answer: z.number(), correct: z.boolean(), updatedAt: z.string() })),
  checks: z.array(checkResultSchema),
  report: changeReportSchema.optional(),
});
export type LessonProgressData = z.infer<typeof lessonProgressSchema>;
export type CheckResultData = z.infer<typeof checkResultSchema>;

const call = controlFetch;

export const lessonKey = (slug: string) => ['lesson', slug] as const;

export const fetchLessonProgress = (slug: string) => call(`/api/lab/lessons/${slug}`, lessonProgressSchema);

export const saveLessonItem = (slug: string, item: { kind: 'prediction'; item: string; value: { choice: string; note?: string } } | { kind: 'quiz'; item: string; value: { answer: number; correct: boolean } }) =>
  call(`/api/lab/lessons/${slug}/items`, z.object({ updatedAt: z.string() }).passthrough(), sendJson('PUT', item));

const lessonResetSchema = settingsResponseSchema.extend({ resetAt: z.string(), resetMs: z.number() });
export const resetLesson = (slug: string) => call(`/api/lab/lessons/${slug}/reset`, lessonResetSchema, { method: 'POST' });
export const applySolution = (slug: string) => call(`/api/lab/lessons/${slug}/solution`, settingsResponseSchema, { method: 'POST' });
/** The page opened: the first visit applies the lesson's start; later ones say how the sandbox differs. */
export const visitLesson = (slug: string) => call(`/api/lab/lessons/${slug}/visit`, visitResultSchema, { method: 'POST' });
export const applyLessonStart = (slug: string) =>
  call(`/api/lab/lessons/${slug}/start`, settingsResponseSchema.extend({ epoch: z.string() }), { method: 'POST' });
