import type { z } from 'zod';
import type { LoadProfileInput } from '@/lib/load/profile';
import { controlFetch, sendJson } from '@/lib/client/control-client';
import { runListSchema, runResponseSchema } from '@/lib/runs/schema';

/** Browser-side calls to the runs control API, parsed with the schemas the server answers with. */
export type RunRecord = z.infer<typeof runResponseSchema>['run'];
export type RunList = z.infer<typeof runListSchema>;
export type RunListItem = RunList['data'][number];

/** Field errors as the run form shows them beside its fields. */
export type { FieldProblem } from '@/lib/client/control-client';

const call = controlFetch;

const json = (body: unknown): RequestInit => sendJson('POST', body);

/** `lesson`: the lesson page this run starts from; its checks read only that lesson's runs. */
export const startRun = (profile: LoadProfileInput, lesson?: string) =>
  call(`/api/lab/runs${lesson ? `?${new URLSearchParams({ lesson })}` : ''}`, runResponseSchema, json(profile)).then(
    (r) => r.run,
  );

export const fetchRun = (id: string) =>
  call(`/api/lab/runs/${encodeURIComponent(id)}`, runResponseSchema).then((r) => r.run);

export const stopRun = (id: string) =>
  call(`/api/lab/runs/${encodeURIComponent(id)}/stop`, runResponseSchema, { method: 'POST' }).then((r) => r.run);

export function listRuns(limit = 20, cursor?: string) {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return call(`/api/lab/runs?${q}`, runListSchema);
}

export const runEventsUrl = (id: string) => `/api/lab/runs/${encodeURIComponent(id)}/events`;

/** Query keys in one place so a finished run can refresh the list the comparison reads. */
export const runKeys = {
  list: ['runs', 'list'] as const,
  one: (id: string) => ['runs', 'one', id] as const,
};
