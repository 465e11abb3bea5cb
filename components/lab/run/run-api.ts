import type { z } from 'zod';
import type { LoadProfileInput } from '@/lib/load/profile';
import { runListSchema, runResponseSchema } from '@/lib/runs/schema';

/**
 * Browser-side calls to the runs control API, parsed with the schemas the server answers
 * with. Failures become a RunProblem that keeps what the UI needs to say something useful:
 * field errors to show beside their knob, and when a busy server wants us back.
 */
export type RunRecord = z.infer<typeof runResponseSchema>['run'];
export type RunList = z.infer<typeof runListSchema>;
export type RunListItem = RunList['data'][number];
export type FieldProblem = { field: string; detail: string };

export class RunProblem extends Error {
  readonly status: number;
  readonly detail: string;
  readonly fieldErrors: FieldProblem[];
  /** Seconds to wait before trying again (503 and 429 send Retry-After), or null. */
  readonly retryAfter: number | null;

  constructor(status: number, detail: string, fieldErrors: FieldProblem[] = [], retryAfter: number | null = null) {
    super(detail);
    this.name = 'RunProblem';
    this.status = status;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Turns any failed response (problem+json or not) into a RunProblem with a sentence for the learner. */
export function toRunProblem(status: number, body: unknown, retryAfterHeader: string | null, nowMs = Date.now()): RunProblem {
  const obj = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const retryAfter = parseRetryAfter(retryAfterHeader, nowMs);
  const fieldErrors = Array.isArray(obj.errors)
    ? obj.errors.flatMap((e: unknown) => {
        const { field, detail } = (e ?? {}) as { field?: unknown; detail?: unknown };
        return typeof field === 'string' && typeof detail === 'string' ? [{ field, detail }] : [];
      })
    : [];
  // A 503 says why (the room's budget, a paused room, a busy lab server); keep the server's words.
  const detail =
    status === 503
      ? typeof obj.detail === 'string' && obj.detail
        ? obj.detail
        : `The server is busy running other learners' load; try again in ${retryAfter ?? 5} s.`
      : status === 401
        ? 'Your learner session has expired or is missing; reload the page to get a new one.'
        : typeof obj.detail === 'string' && obj.detail
          ? obj.detail
          : typeof obj.title === 'string' && obj.title
            ? obj.title
            : `The server answered ${status}.`;
  return new RunProblem(status, detail, fieldErrors, status === 503 ? (retryAfter ?? 5) : retryAfter);
}

async function call<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new RunProblem(0, 'Could not reach the server. Check that the lab is still running.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toRunProblem(res.status, body, res.headers.get('retry-after'));
  return schema.parse(body);
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** `lesson`: the lesson page this run starts from; its checks read only that lesson's runs. */
export const startRun = (profile: LoadProfileInput, lesson?: string) =>
  call(`/api/lab/runs${lesson ? `?${new URLSearchParams({ lesson })}` : ''}`, runResponseSchema, json(profile)).then((r) => r.run);

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
