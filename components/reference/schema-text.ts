import type { JsonSchema } from '@/lib/api/openapi/document';

/**
 * JSON Schema in words for the reference page: "integer 1–100", "string, ≤ 40 chars",
 * "one of: audio, books…", "Product or null". Pure, so it is unit-tested.
 */
export const refName = (ref: string) => ref.split('/').pop() ?? ref;

const isNull = (s: JsonSchema) => s.type === 'null';

export function typeLabel(s: JsonSchema): string {
  if (s.$ref) return refName(s.$ref);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const named = alts.filter((a) => !isNull(a)).map(typeLabel);
    const label = named.join(' | ');
    return alts.some(isNull) ? `${label} or null` : label;
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.length === 1 ? JSON.stringify(s.enum[0]) : 'enum';
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (s.type === 'array') return s.items ? `array of ${typeLabel(s.items)}` : 'array';
  if (s.type === 'string' && s.format) return `string (${s.format})`;
  return s.type ?? 'any';
}

/** The rules beyond the type, in a few words each. */
export function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.enum && s.enum.length > 1) out.push(`one of: ${s.enum.map(String).join(', ')}`);
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (min !== undefined && max !== undefined) out.push(`${fmt(min)}–${fmt(max)}`);
  else if (min !== undefined) out.push(`≥ ${fmt(min)}`);
  else if (max !== undefined) out.push(`≤ ${fmt(max)}`);
  if (s.minLength !== undefined && s.maxLength !== undefined) out.push(`${s.minLength}–${s.maxLength} chars`);
  else if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} chars`);
  else if (s.minLength !== undefined) out.push(`≥ ${s.minLength} chars`);
  // Format patterns (email, date-time) are long and implied by the format.
  if (s.pattern && !s.format) out.push(`matches ${s.pattern}`);
  return out;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A plausible value for a schema: the request body example on each operation. */
export function exampleOf(s: JsonSchema, resolve: (ref: string) => JsonSchema | undefined, depth = 0): unknown {
  if (depth > 4) return null;
  if (s.$ref) {
    const target = resolve(s.$ref);
    return target ? exampleOf(target, resolve, depth + 1) : null;
  }
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = (s.anyOf ?? s.oneOf)?.find((a) => !isNull(a));
  if (alt) return exampleOf(alt, resolve, depth + 1);
  if (s.type === 'object') {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    return Object.fromEntries(
      Object.entries(props)
        .filter(([k]) => required.has(k))
        .map(([k, v]) => [k, exampleOf(v, resolve, depth + 1)]),
    );
  }
  if (s.type === 'array') return s.items ? [exampleOf(s.items, resolve, depth + 1)] : [];
  if (s.type === 'integer' || s.type === 'number')
    return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (s.type === 'boolean') return true;
  if (s.format === 'email') return 'ada@example.com';
  if (s.format === 'date-time') return '2025-01-31T00:00:00Z';
  if (s.pattern === '^[A-Z]{2}$') return 'DE';
  return 'text';
}
