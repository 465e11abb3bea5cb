import { z } from 'zod';

/**
 * "Which changes mattered": the shape the server computes (lib/lessons/what-mattered.ts) and
 * the lesson page parses. Every figure in it is a measurement from one of the learner's runs.
 */
export const runFiguresSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  /** The legitimate clients' p95 (ms) and error rate (%). */
  p95: z.number().nullable(),
  errorPct: z.number().nullable(),
  achievedRps: z.number().nullable(),
  hitRatio: z.number().nullable(),
  rateLimited: z.number().nullable(),
  passed: z.boolean(),
});
export type RunFigures = z.infer<typeof runFiguresSchema>;

export const knobChangeSchema = z.object({ group: z.string(), label: z.string(), from: z.string(), to: z.string() });
export type KnobChange = z.infer<typeof knobChangeSchema>;

export const reportStepSchema = z.object({
  from: runFiguresSchema,
  to: runFiguresSchema,
  /** Empty: the same knobs run twice, so the difference is noise. */
  changes: z.array(knobChangeSchema),
  text: z.string(),
});
export type ReportStep = z.infer<typeof reportStepSchema>;

export const reportDeltaSchema = z.object({
  label: z.string(),
  before: z.string(),
  after: z.string(),
  change: z.string(),
});

export const changeReportSchema = z.object({
  /** Why there is nothing to compare yet, when there is not. */
  missing: z.string().nullable(),
  baseline: runFiguresSchema.nullable(),
  /** Whether the baseline had every knob off, or is only the learner's first run. */
  baselineIsOff: z.boolean(),
  best: runFiguresSchema.nullable(),
  bestWhy: z.enum(['passed', 'lowest-p95']).nullable(),
  changes: z.array(knobChangeSchema),
  deltas: z.array(reportDeltaSchema),
  steps: z.array(reportStepSchema),
  /** The attribution, in sentences: single-change steps first (largest effect first), then what was never measured alone. */
  mattered: z.array(z.string()),
});
export type ChangeReport = z.infer<typeof changeReportSchema>;
