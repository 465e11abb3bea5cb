import { z } from 'zod';
import { EXPLAIN_ENDPOINTS } from '../knobs/endpoints';
import { probeRequestSchema } from '../replica/probe-schema';
import { simRequestSchema } from '../sim/schemas';

/**
 * The props of every tag a lesson may use, in one place: `npm run lesson:check` and the
 * lessons test validate each tag in a lesson's MDX against these schemas, so a typo in a prop
 * fails before a learner sees a blank widget. The React components
 * (components/lesson/mdx-components.tsx) render them; a test keeps both lists the same.
 * `children` is MDX content, never a prop here.
 */
const id = z.string().regex(/^[a-z0-9-]+$/, 'ids are kebab-case');

/** A quiz answer: every option explains itself, the wrong ones included. */
export const quizOptionSchema = z.strictObject({
  text: z.string().min(1),
  correct: z.boolean().optional(),
  explain: z.string().min(1),
});
export const quizPropsSchema = z
  .strictObject({ id, question: z.string().min(5), options: z.array(quizOptionSchema).min(2).max(20) })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    message: 'exactly one option is correct: true',
    path: ['options'],
  });
export type QuizProps = z.infer<typeof quizPropsSchema>;

/** A guess committed before a run; `check` names the frontmatter check whose measurement answers it. */
export const predictionPropsSchema = z.strictObject({
  id,
  question: z.string().min(5),
  options: z.array(z.string().min(1)).min(2),
  check: z.string().optional(),
});
export type PredictionProps = z.infer<typeof predictionPropsSchema>;

export const WIDGET_PROPS = {
  Lab: z.strictObject({ solution: z.boolean().optional() }),
  Prediction: predictionPropsSchema,
  /** One check by id, or all of the lesson's checks without one. */
  Check: z.strictObject({ id: z.string().optional() }),
  Quiz: quizPropsSchema,
  Callout: z.strictObject({
    type: z.enum(['note', 'tip', 'warning', 'production']).optional(),
    title: z.string().optional(),
  }),
  Hint: z.strictObject({ title: z.string().optional() }),
  Explain: z.strictObject({ endpoint: z.enum(Object.keys(EXPLAIN_ENDPOINTS) as [keyof typeof EXPLAIN_ENDPOINTS]) }),
  LoadBalancerSim: z.strictObject({
    id,
    title: z.string().optional(),
    // The simulation's own bounds: what the widget starts with, the API must accept.
    instances: simRequestSchema.shape.instances.optional(),
    strategy: simRequestSchema.shape.strategy.removeDefault().optional(),
    load: simRequestSchema.shape.load.removeDefault().optional(),
    cache: z.boolean().optional(),
    failure: z.boolean().optional(),
    controls: z.array(z.enum(['strategy', 'cache', 'failure'])).optional(),
  }),
  StatelessDemo: z.strictObject({ requests: z.number().int().positive().optional() }),
  ReplicaProbe: z.strictObject({ pairs: probeRequestSchema.shape.pairs.removeDefault().optional() }),
  /** Only in lessons whose frontmatter has a `report`. */
  WhatMattered: z.strictObject({}),
} as const;

export type WidgetTag = keyof typeof WIDGET_PROPS;
export const WIDGET_TAGS = Object.keys(WIDGET_PROPS) as WidgetTag[];
