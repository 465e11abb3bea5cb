import type { z } from 'zod';
import { simResponseSchema, statelessResponseSchema, type simRequestSchema } from '@/lib/sim/schemas';

/** Browser-side calls to the simulation API, parsed with the schemas the server answers with. */
async function post<T>(url: string, schema: z.ZodType<T>, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = json as { detail?: string; errors?: { field: string; detail: string }[] } | null;
    const fields = p?.errors?.map((e) => `${e.field}: ${e.detail}`).join('; ');
    throw new Error(fields || p?.detail || `${url} answered ${res.status}`);
  }
  return schema.parse(json);
}

export type SimInput = z.input<typeof simRequestSchema>;

/** From a lesson's page: that lesson's own latest run feeds the simulation. */
export const runSimulation = (body: SimInput, lesson: string) =>
  post(`/api/lab/sim?lesson=${encodeURIComponent(lesson)}`, simResponseSchema, body);
export const runStatelessDemo = (requests: number) => post('/api/lab/sim/stateless', statelessResponseSchema, { requests });
