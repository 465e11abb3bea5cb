import { z } from 'zod';

/** GET /api/lab/source answers; shared by the route handler and the Code view. */
export const sourceFileSchema = z.object({
  path: z.string(),
  title: z.string(),
  topics: z.array(z.string()),
  lines: z.number().int(),
  sha256: z.string(),
});
export const sourceSnapshotSchema = z.object({
  builtAt: z.string(),
  files: z.array(sourceFileSchema.extend({ text: z.string() })),
});
export const sourceListSchema = z.object({ builtAt: z.string(), files: z.array(sourceFileSchema) });
export const sourceTextSchema = sourceFileSchema.extend({ builtAt: z.string(), text: z.string() });

export type SourceSnapshot = z.infer<typeof sourceSnapshotSchema>;
export type SourceFile = z.infer<typeof sourceFileSchema>;
