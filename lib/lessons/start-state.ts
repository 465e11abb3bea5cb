import { z } from 'zod';
import { knobDifferences, knobState, type KnobState } from '../knobs/diff';
import { DEFAULT_SETTINGS, mergeSettings, settingsPatchSchema } from '../knobs/schema';
import type { LessonFrontmatter } from './frontmatter';

/**
 * Where a lesson starts: every knob at its default, then the lesson's preset. It covers
 * every group and every teaching index, including the ones the lesson never mentions, so a
 * limiter left on in lesson 6 cannot silently fail lesson 7's runs.
 */
export function lessonStart(fm: Pick<LessonFrontmatter, 'preset'>): KnobState {
  const { indexes = {}, ...settings } = fm.preset;
  const none = knobState(DEFAULT_SETTINGS, []).indexes;
  return { settings: mergeSettings(DEFAULT_SETTINGS, settings), indexes: { ...none, ...indexes } };
}

/** One knob where the learner's sandbox differs from the lesson's start, in words. */
export const startDifferenceSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** The learner's value ("on, token bucket, 100 requests per 60 s") and the lesson's ("off"). */
  current: z.string(),
  start: z.string(),
  /** "Rate limiter: on, token bucket, 100 requests per 60 s; this lesson starts with it off". */
  text: z.string(),
});
export type StartDifference = z.infer<typeof startDifferenceSchema>;

/** Every knob of `current` that is not as the lesson starts it, as the banner lists them. */
export function startDifferences(start: KnobState, current: KnobState): StartDifference[] {
  return knobDifferences(current, start).map((d) => ({
    key: d.key,
    label: d.label,
    current: d.current,
    start: d.target,
    text: `${d.label}: ${d.current}; this lesson starts with ${d.pronoun ? `${d.pronoun} ` : ''}${d.target}`,
  }));
}

/**
 * What the lesson page learns when it opens: on a first visit the start was applied (with
 * the learner's previous knobs, for Undo); on a later one, whether their sandbox differs.
 */
export const visitResultSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('applied'),
    epoch: z.string(),
    changes: z.array(startDifferenceSchema),
    undo: settingsPatchSchema,
  }),
  z.object({ state: z.literal('differs'), epoch: z.string(), differences: z.array(startDifferenceSchema) }),
  z.object({ state: z.literal('at-start'), epoch: z.string() }),
]);
export type VisitResult = z.infer<typeof visitResultSchema>;
