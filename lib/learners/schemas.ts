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

export const sandboxResetSchema = z.object({ sandboxId: z.string(), resetAt: z.string(), ms: z.number() });

export const labHealthSchema = z.object({
  lab: z.object({
    state: z.enum(['starting', 'ready', 'restarting', 'stopped']),
    restarts: z.number(),
    startedAt: z.string().nullable(),
  }),
});
export type LabHealth = z.infer<typeof labHealthSchema>;
