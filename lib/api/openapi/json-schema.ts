import { z } from 'zod';
import { TEXT_NUMBERS } from '../validate';
import type { JsonSchema } from './types';

/** zod schemas as JSON Schema for the OpenAPI document (z.toJSONSchema), references by component name. */
export const SCHEMA_REF = '#/components/schemas/';

/**
 * Query values arrive as text; a route that turns text into a bounded integer (intParam) is
 * documented by the number it accepts, which is what a client needs to know.
 */
function overrideTextToNumber(ctx: { zodSchema: z.core.$ZodType; jsonSchema: Record<string, unknown> }) {
  const meant = TEXT_NUMBERS.get(ctx.zodSchema as z.ZodType);
  if (!meant) return;
  const number = clean(z.toJSONSchema(meant, { io: 'output' }) as JsonSchema);
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, number);
}

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

export function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return clean(z.toJSONSchema(schema, { io, unrepresentable: 'any', override: overrideTextToNumber }) as JsonSchema);
}

export function componentSchemas(
  components: Record<string, z.ZodType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${SCHEMA_REF}${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  return Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, clean(v)]));
}
