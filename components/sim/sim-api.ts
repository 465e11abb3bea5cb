import type { z } from 'zod';
import { controlFetch, sendJson } from '@/lib/client/control-client';
import { simResponseSchema, statelessResponseSchema, type simRequestSchema } from '@/lib/sim/schemas';

/** Browser-side calls to the simulation API, parsed with the schemas the server answers with. */
export type SimInput = z.input<typeof simRequestSchema>;

/** From a lesson's page: that lesson's own latest run feeds the simulation. */
export const runSimulation = (body: SimInput, lesson: string) =>
  controlFetch(`/api/lab/sim?lesson=${encodeURIComponent(lesson)}`, simResponseSchema, sendJson('POST', body));
export const runStatelessDemo = (requests: number) =>
  controlFetch('/api/lab/sim/stateless', statelessResponseSchema, sendJson('POST', { requests }));
