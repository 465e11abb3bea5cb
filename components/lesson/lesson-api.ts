import { z } from 'zod';
import { settingsResponseSchema } from '@/lib/knobs/schema';
import { changeReportSchema } from '@/lib/lessons/report-schema';
import { visitResultSchema } from '@/lib/lessons/start-state';

/** Browser calls for one lesson's progress, checks and presets. */
const checkResultSchema = z.object({
  id: z.string(), title: z.string(), passed: z.boolean(), detail: z.string(), runIds: z.array(z.string()), passedAt: z.string().nullable(),
});
const measuredSchema = z.object({ passed: z.boolean(), detail: z.string(), runIds: z.array(z.string()) });
export const lessonProgressSchema = z.object({
  since: z.string().nullable(),
  predictions: z.record(z.string(), z.object({ choice: z.string(), note: z.string().optional(), updatedAt: z.string(), measured: measuredSchema.nullable().optional() })),
  quiz: z.record(z.string(), z.object({ answer: z.number(), correct: z.boolean(), updatedAt: z.string() })),
  quizOrder: z.record(z.string(), z.array(z.number())),
  checks: z.array(checkResultSchema),
  report: changeReportSchema.optional(),
});
export type LessonProgressData = z.infer<typeof lessonProgressSchema>;
export type CheckResultData = z.infer<typeof checkResultSchema>;

async function call<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error((body as { detail?: string } | null)?.detail ?? `${url} answered ${res.status}`);
  return schema.parse(body);
}

export const lessonKey = (slug: string) => ['lesson', slug] as const;

export const fetchLessonProgress = (slug: string) => call(`/api/lab/lessons/${slug}`, lessonProgressSchema);

export const saveLessonItem = (slug: string, item: { kind: 'prediction'; item: string; value: { choice: string; note?: string } } | { kind: 'quiz'; item: string; value: { answer: number } }) =>
  call(`/api/lab/lessons/${slug}/items`, z.object({ updatedAt: z.string() }).passthrough(), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(item),
  });

const lessonResetSchema = settingsResponseSchema.extend({ resetAt: z.string(), resetMs: z.number() });
export const resetLesson = (slug: string) => call(`/api/lab/lessons/${slug}/reset`, lessonResetSchema, { method: 'POST' });
export const applySolution = (slug: string) => call(`/api/lab/lessons/${slug}/solution`, settingsResponseSchema, { method: 'POST' });
/** The page opened: the first visit applies the lesson's start; later ones say how the sandbox differs. */
export const visitLesson = (slug: string) => call(`/api/lab/lessons/${slug}/visit`, visitResultSchema, { method: 'POST' });
export const applyLessonStart = (slug: string) =>
  call(`/api/lab/lessons/${slug}/start`, settingsResponseSchema.extend({ epoch: z.string() }), { method: 'POST' });
