import type { ChangeReport, RunFigures } from '@/lib/lessons/report-schema';
import { arr, bool, nullable, num, obj, oneOf, optional, rec, str, type Shape } from '@/lib/client/shape';
import type { LessonProgressData } from './lesson-schemas';

/**
 * lessonProgressSchema (lesson-schemas.ts) without zod: a lesson's widgets read progress as the
 * page boots (a prediction in the first screen shows the learner's saved choice), and zod would
 * boot with it. lib/client/boot-shapes.test.ts holds this to the zod schema's verdicts.
 */
const runFigures: Shape<RunFigures> = obj({
  id: str,
  startedAt: str,
  p95: nullable(num),
  errorPct: nullable(num),
  achievedRps: nullable(num),
  hitRatio: nullable(num),
  rateLimited: nullable(num),
  passed: bool,
});
const knobChange = obj({ group: str, label: str, from: str, to: str });

const changeReport: Shape<ChangeReport> = obj({
  missing: nullable(str),
  baseline: nullable(runFigures),
  baselineIsOff: bool,
  best: nullable(runFigures),
  bestWhy: nullable(oneOf('passed', 'lowest-p95')),
  changes: arr(knobChange),
  deltas: arr(obj({ label: str, before: str, after: str, change: str })),
  steps: arr(obj({ from: runFigures, to: runFigures, changes: arr(knobChange), text: str })),
  mattered: arr(str),
});

const measured = obj({ passed: bool, detail: str, runIds: arr(str) });

export const lessonProgressShape: Shape<LessonProgressData> = obj({
  since: nullable(str),
  predictions: rec(obj({ choice: str, note: optional(str), updatedAt: str, measured: optional(nullable(measured)) })),
  quiz: rec(obj({ answer: num, correct: bool, updatedAt: str })),
  quizOrder: rec(arr(num)),
  checks: arr(obj({ id: str, title: str, passed: bool, detail: str, runIds: arr(str), passedAt: nullable(str) })),
  report: optional(changeReport),
});
