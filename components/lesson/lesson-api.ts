import type { z } from 'zod';

/** Browser calls for one lesson's progress, checks and presets. */
export type { CheckResultData, LessonProgressData } from './lesson-schemas';

type Schemas = typeof import('./lesson-schemas');
// Loaded on the first call, not with the page: the lesson's widgets hydrate without zod.
const schemas = (): Promise<Schemas> => import('./lesson-schemas');

async function call<T>(url: string, pick: (s: Schemas) => z.ZodType<T>, init?: RequestInit): Promise<T> {
  const [res, s] = await Promise.all([fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' }), schemas()]);
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error((body as { detail?: string } | null)?.detail ?? `${url} answered ${res.status}`);
  return pick(s).parse(body);
}

export const lessonKey = (slug: string) => ['lesson', slug] as const;

export const fetchLessonProgress = (slug: string) => call(`/api/lab/lessons/${slug}`, (s) => s.lessonProgressSchema);

export const saveLessonItem = (slug: string, item: { kind: 'prediction'; item: string; value: { choice: string; note?: string } } | { kind: 'quiz'; item: string; value: { answer: number } }) =>
  call(`/api/lab/lessons/${slug}/items`, (s) => s.savedItemSchema, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(item),
  });

export const resetLesson = (slug: string) => call(`/api/lab/lessons/${slug}/reset`, (s) => s.lessonResetSchema, { method: 'POST' });
export const applySolution = (slug: string) => call(`/api/lab/lessons/${slug}/solution`, (s) => s.settingsResponseSchema, { method: 'POST' });
/** The page opened: the first visit applies the lesson's start; later ones say how the sandbox differs. */
export const visitLesson = (slug: string) => call(`/api/lab/lessons/${slug}/visit`, (s) => s.visitResultSchema, { method: 'POST' });
export const applyLessonStart = (slug: string) => call(`/api/lab/lessons/${slug}/start`, (s) => s.lessonStartSchema, { method: 'POST' });
