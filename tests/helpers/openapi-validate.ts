import { validate } from '@readme/openapi-parser';

/**
 * Validates an OpenAPI document with a maintained validator (@readme/openapi-parser: the
 * OpenAPI 3.1 JSON Schema, every $ref, path parameters, operation ids). Returns every error
 * message (empty = valid). The validator mutates what it is given, so it gets a copy.
 */
export async function openApiErrors(doc: unknown): Promise<string[]> {
  const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
  return result.valid ? [] : result.errors.map((e) => e.message);
}
