import { z } from 'zod';
import { PANEL_GROUPS } from '../knobs/registry';
import { REPLICA_CONSISTENCY, settingsPatchSchema } from '../knobs/schema';
import { ENDPOINT_KEYS } from '../load/endpoints';
import { makeLoadProfileSchema } from '../load/profile';

/**
 * What a lesson's frontmatter may say. Authors write YAML; this schema (with its own tests)
 * is what makes a broken lesson fail the build instead of a learner's page.
 */
// fairP95 / fairErrorPct: the legitimate clients only (every client but the abuser; all of them when there is none).
// cacheMisses: responses that said X-Cache: MISS, each one a computation the database ran (a count, not a time).
export const METRICS = [
  'p50',
  'p95',
  'p99',
  'achievedRps',
  'errorPct',
  'hitRatio',
  'rateLimited',
  'timeouts',
  'fairP95',
  'fairErrorPct',
  'cacheMisses',
] as const;
export type Metric = (typeof METRICS)[number];

/** Conditions on a stored run: the knobs it ran with and the workload it sent. */
export const runConditionSchema = z.strictObject({
  indexes: settingsPatchSchema.shape.indexes,
  settings: settingsPatchSchema.omit({ indexes: true }).optional(),
  endpoint: z.enum(ENDPOINT_KEYS).optional(),
  model: z.enum(['constant-arrival', 'virtual-users']).optional(),
  distribution: z.enum(['uniform', 'zipf', 'hot-set']).optional(),
  minRate: z.number().positive().optional(),
  abusive: z.boolean().optional(),
  /** The peak rate (rate x spike multiple) is at least this: a spike was not turned down. */
  minPeakRate: z.number().positive().optional(),
});
export type RunCondition = z.infer<typeof runConditionSchema>;

const checkBase = {
  id: z.string().regex(/^[a-z0-9-]+$/, 'ids are kebab-case'),
  title: z.string().min(5),
  hint: z.string().optional(),
};

export const checkSchema = z.discriminatedUnion('kind', [
  // A run exists that matches the conditions (and, optionally, meets a bound on a metric).
  z.strictObject({
    ...checkBase,
    kind: z.literal('run'),
    where: runConditionSchema,
    metric: z.enum(METRICS).optional(),
    atMost: z.number().optional(),
    atLeast: z.number().optional(),
    /** More bounds the SAME run must meet, e.g. { fairErrorPct: 1 } beside a p95 bound. */
    alsoAtMost: z.partialRecord(z.enum(METRICS), z.number()).optional(),
  }),
  // Two runs, before and after a change; the metric improved by at least `factor`.
  z.strictObject({
    ...checkBase,
    kind: z.literal('compare'),
    before: runConditionSchema,
    after: runConditionSchema,
    metric: z.enum(METRICS),
    /** after must be at most before / factor (latency) or at least before * factor (throughput, hit ratio). */
    factor: z.number().gt(1),
    better: z.enum(['lower', 'higher']).default('lower'),
    /**
     * A check that says "do X, then Y": which of the two runs the lesson has the learner make
     * first. A pair made in the other order does not count (before-first: the "after" run
     * started after the "before" run).
     */
    order: z.enum(['before-first', 'after-first']).optional(),
  }),
  // A replica probe (POST /api/lab/replica/probe) with the replica on and this consistency, in which the
  // writer's own reads missed its writes ('stale') or never did while other clients' reads did ('fresh').
  z.strictObject({
    ...checkBase,
    kind: z.literal('probe'),
    consistency: z.enum(REPLICA_CONSISTENCY),
    ownReads: z.enum(['stale', 'fresh']),
  }),
]);
export type LessonCheck = z.infer<typeof checkSchema>;

const profileSchema = makeLoadProfileSchema({ maxDurationSec: 60 });

export const frontmatterSchema = z
  .strictObject({
    title: z.string().min(3).max(80),
    summary: z.string().min(10).max(200),
    minutes: z.number().int().min(3).max(60),
    part: z.enum(['core', 'advanced']),
    /** Knob groups the lab panel shows for this lesson; leave it out to show them all, [] for none. */
    knobs: z.array(z.enum(PANEL_GROUPS)).optional(),
    /**
     * How this lesson's start differs from the defaults; every knob it does not name starts at its
     * default (lib/lessons/start-state.ts). The first visit, "Reset this lesson" and "Apply lesson
     * start" apply it. Name only what differs, and only in groups the lesson shows.
     */
    preset: settingsPatchSchema.default({}),
    /** What "show me" applies. */
    solution: settingsPatchSchema.optional(),
    /** The workload the Run button starts with. */
    workload: profileSchema.optional(),
    /** The request the request form starts with. */
    request: z.string().startsWith('/').optional(),
    checks: z.array(checkSchema).default([]),
    /** "Which changes mattered" (<WhatMattered/>): compares the runs that match this run check's workload. */
    report: z.strictObject({ check: z.string() }).optional(),
  })
  .superRefine((fm, ctx) => {
    const ids = fm.checks.map((c) => c.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['checks'], message: `duplicate check id "${dup}"` });
    if (fm.report && !fm.checks.some((c) => c.id === fm.report?.check && c.kind === 'run')) {
      ctx.addIssue({
        code: 'custom',
        path: ['report', 'check'],
        message: `"${fm.report.check}" is not a run check of this lesson`,
      });
    }
  });

export type LessonFrontmatter = z.infer<typeof frontmatterSchema>;
