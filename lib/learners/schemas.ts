import { z } from 'zod';

/** Response shapes of the control API, shared by the route handlers and the browser client. */
export const sandboxMoveSchema = z.object({ at: z.string(), from: z.string() });
export type SandboxMove = z.infer<typeof sandboxMoveSchema>;

/** `moved`: cluster mode took the sandbox over from another node (its data was reset there), else null. */
export const sandboxClaimSchema = z.object({
  sandboxId: z.string(),
  token: z.string(),
  moved: sandboxMoveSchema.nullable().optional(),
});
export type SandboxClaim = z.infer<typeof sandboxClaimSchema>;

/** GET /api/lab/progress: per lesson, what the learner has done (the course map's badges). */
export const courseProgressSchema = z.object({
  lessons: z.record(
    z.string(),
    z.object({ checksPassed: z.number(), quizAnswered: z.number(), predictions: z.number() }),
  ),
});
export type CourseProgress = z.infer<typeof courseProgressSchema>;

export const sandboxResetSchema = z.object({ sandboxId: z.string(), resetAt: z.string(), ms: z.number() });

export const labHealthSchema = z.object({
  lab: z.object({
    state: z.enum(['starting', 'ready', 'restarting', 'stopped']),
    restarts: z.number(),
    startedAt: z.string().nullable(),
  }),
});
export type LabHealth = z.infer<typeof labHealthSchema>;
