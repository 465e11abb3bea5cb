import { parseServerTiming, type TimingEntry } from '@/lib/api/server-timing';
import { labHealthSchema, sandboxResetSchema } from '@/lib/learners/schemas';
import { controlFetch as control, sendJson } from '@/lib/client/control-client';
import { settingsResponseSchema, type SettingsPatch } from '@/lib/knobs/schema';

export { claimSandbox, fetchExplain } from './boot-client';

/** Browser-side calls to the control API, parsed with the same schemas the server uses. */
export const resetSandbox = () => control('/api/lab/sandbox', sandboxResetSchema, { method: 'DELETE' });

// 503 still carries the state; read the body either way.
export const fetchLabHealth = () => control('/api/lab/health', labHealthSchema, undefined, { accept: [503] });

export type ApiExchange = {
  method: string;
  path: string;
  /** The API mount it went to (/api/v1 unless said otherwise). */
  base?: string;
  status: number;
  clientMs: number;
  headers: Record<string, string>;
  timing: TimingEntry[];
  body: string;
  bytes: number;
};

/** Sends one request to the learner's own API (the cookie names their sandbox). */
export const sendApiRequest = (method: string, path: string, body?: string, base = '/api/v1'): Promise<ApiExchange> =>
  sendExchange({ method, path, base, body, headers: body ? { 'content-type': 'application/json' } : undefined });

/**
 * One raw exchange with the Shop API, any status included: the request form and the
 * scratchpad show what the API answered, so a 4xx here is a result, not a ProblemError.
 */
export async function sendExchange(request: {
  method: string;
  path: string;
  base?: string;
  headers?: HeadersInit;
  body?: string;
}): Promise<ApiExchange> {
  const { method, path, base = '/api/v1', body } = request;
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: request.headers,
    body,
  });
  const text = await res.text();
  const clientMs = performance.now() - t0;
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return {
    method,
    path,
    base,
    status: res.status,
    clientMs,
    headers,
    timing: parseServerTiming(res.headers.get('server-timing')),
    body: text,
    bytes: new TextEncoder().encode(text).length,
  };
}

// Knobs and plans: the same zod schemas the control API answers with.
export const fetchSettings = () => control('/api/lab/settings', settingsResponseSchema);

export const patchSettings = (patch: SettingsPatch) =>
  control('/api/lab/settings', settingsResponseSchema, sendJson('PATCH', patch));
