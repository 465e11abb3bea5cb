import type { CourseProgress, SandboxClaim } from '@/lib/learners/schemas';
import type { ExplainResponse } from '@/lib/knobs/schema';
import { arr, nullable, num, obj, optional, rec, str, type Shape } from './shape';

/**
 * The control-API answers a page reads while it boots, checked without zod (see shape.ts for why).
 * Each mirrors the zod schema named beside it, which stays the source of truth: the annotation
 * makes the compiler hold the check's output to the schema's type, and boot-shapes.test.ts holds
 * both to the same verdict on good and malformed answers.
 */

/** sandboxClaimSchema (lib/learners/schemas.ts). */
export const sandboxClaimShape: Shape<SandboxClaim> = obj({
  sandboxId: str,
  token: str,
  moved: optional(nullable(obj({ at: str, from: str }))),
});

/** explainResponseSchema (lib/knobs/schema.ts). */
export const explainResponseShape: Shape<ExplainResponse> = obj({
  endpoint: str,
  request: str,
  statements: arr(obj({ sql: str, plan: arr(obj({ id: num, parent: num, detail: str })) })),
});

/** courseProgressSchema (lib/learners/schemas.ts): the course map's badges. */
export const courseProgressShape: Shape<CourseProgress> = obj({
  lessons: rec(obj({ checksPassed: num, quizAnswered: num, predictions: num })),
});
