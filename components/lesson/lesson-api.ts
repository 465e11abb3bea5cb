import type { z } from 'zod';
import { controlFetch, sendJson } from '@/lib/client/control-client';
import type { LessonProgressData } from './lesson-schemas';
import { lessonProgressShape } from './lesson-progress-shape';

/** Browser calls for one lesson's progress, checks and presets. */
export type { CheckResultData, LessonProgressData } from './lesson-schemas';

type Schemas = typeof import('./lesson-schemas');
// Loaded on the first call that needs one, not with the page: the lesson's widgets hydrate and
// read progress without zod (lesson-progress-shape.ts). Errors arrive as ProblemError from the one
// control client.
const schemas = (): Promise<Schemas> => import('./lesson-schemas');
const call = async <T>(url: string, pick: (s: Schemas) => z.ZodType<T>, init?: RequestInit): Promise<T> =>
  controlFetch(url, pick(await schemas()), init);

export const lessonKey = (slug: string) => ['lesson', slug] as const;

export const fetchLessonProgress = (slug: string) => controlFetch(`/api/lab/lessons/${slug}`, lessonProgressShape);
/** Progress the server pushed with a run's end event, checked as the GET's answer is; null if it is not one. */
export const parseLessonProgress = async (raw: unknown): Promise<LessonProgressData | null> => {
  try {
    return lessonProgressShape.parse(raw);
  } catch {
    return null;
  }
};

export const saveLessonItem = (
  slug: string,
  item:
    | { kind: 'prediction'; item: string; value: { choice: string; note?: string } }
    | { kind: 'quiz'; item: string; value: { answer: number } },
) => call(`/api/lab/lessons/${slug}/items`, (s) => s.savedItemSchema, sendJson('PUT', item));

export const resetLesson = (slug: string) =>
  call(`/api/lab/lessons/${slug}/reset`, (s) => s.lessonResetSchema, { method: 'POST' });
export const applySolution = (slug: string) =>
  call(`/api/lab/lessons/${slug}/solution`, (s) => s.settingsResponseSchema, { method: 'POST' });
/** The page opened: the first visit applies the lesson's start; later ones say how the sandbox differs. */
export const visitLesson = (slug: string) =>
  call(`/api/lab/lessons/${slug}/visit`, (s) => s.visitResultSchema, { method: 'POST' });
export const applyLessonStart = (slug: string) =>
  call(`/api/lab/lessons/${slug}/start`, (s) => s.lessonStartSchema, { method: 'POST' });
