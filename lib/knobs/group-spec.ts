import { z } from 'zod';

/**
 * What the registry knows about one knob group (one pipeline stage's settings): its schema
 * (the only place its bounds are written), its default, and how the course talks about it.
 * Each group lives in lib/knobs/groups/<group>.ts; lib/knobs/registry.ts lists them.
 */
export type FieldSpec = {
  /** The field's name on its own, as a diff line shows it: "Rate limit window". */
  label: string;
  /** Shown after a number: 's', 'ms', 'entries'. */
  unit?: string;
  /** Words for the values of an enum field, when the raw value is not a word a learner uses. */
  words?: Record<string, string>;
};

export type GroupSpec<S extends z.ZodObject = z.ZodObject> = {
  /** Heading in the knob panel and the start of every sentence about the group: "Rate limiter". */
  label: string;
  /** The group inside a sentence: "a run with the rate limiter off". */
  noun: string;
  /** How a sentence refers back to it: "this lesson starts with it off", "with them queued". None: the value names it. */
  pronoun?: 'it' | 'them';
  schema: S;
  defaults: z.output<S>;
  fields: { [K in keyof z.output<S>]-?: FieldSpec };
  /** The naive setting the course starts from; a run that matches it has this stage "off". */
  off: Partial<z.output<S>>;
  /**
   * A value in words, "on, token bucket, 100 requests per 60 s", or "off". It takes a partial
   * value too, because a lesson check names only the fields it cares about.
   */
  describe(value: Partial<z.output<S>>): string;
};

/** Declares a group with its types checked against its own schema. */
export function defineGroup<S extends z.ZodObject>(spec: GroupSpec<S>): GroupSpec<S> {
  return spec;
}

/** A whole-number knob with bounds; the bounds are read back from here by the panel and the docs. */
export const whole = (min: number, max: number, what: string) =>
  z
    .number()
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

/** Joins the parts of a description that are present: ['on', undefined, '60 s'] → "on, 60 s". */
export function words(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(', ');
}

export const num = (n: number) => n.toLocaleString('en');

/** "on" / "off" for a switch, or nothing when a partial value does not name it. */
export const onOff = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'on' : 'off');
