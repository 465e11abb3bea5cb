import { parseServerTiming, type TimingEntry } from '@/lib/api/server-timing';
import { labHealthSchema, sandboxClaimSchema, sandboxResetSchema } from '@/lib/learners/schemas';
import type { z } from 'zod';
import { explainResponseSchema, settingsResponseSchema, type SettingsPatch } from '@/lib/knobs/schema';

/** Browser-side calls to the control API, parsed with the same schemas the server uses. */
async function control<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const detail = (body as { detail?: string } | null)?.detail;
    throw new Error(detail ?? `${url} answered ${res.status}`);
  }
  return schema.parse(body);
}

export const claimSandbox = () => control('/api/lab/sandbox', sandboxClaimSchema, { method: 'POST' });
export const resetSandbox = () => control('/api/lab/sandbox', sandboxResetSchema, { method: 'DELETE' });

export async function fetchLabHealth() {
  // 503 still carries the state; read the body either way.
  const res = await fetch('/api/lab/health', { cache: 'no-store' });
  return labHealthSchema.parse(await res.json());
}

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
export async function sendApiRequest(method: string, path: string, body?: string, base = '/api/v1'): Promise<ApiExchange> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body,
  });
  const text = await res.text();
  const clientMs = performance.now() - t0;
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return {
    method, path, base, status: res.status, clientMs, headers,
    timing: parseServerTiming(res.headers.get('server-timing')),
    body: text, bytes: new TextEncoder().encode(text).length,
  };
}

// Knobs and plans: the same zod schemas the control API answers with.
export const fetchSettings = () => control('/api/lab/settings', settingsResponseSchema);

export const patchSettings = (patch: SettingsPatch) =>
  control('/api/lab/settings', settingsResponseSchema, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });

export const fetchExplain = (endpoint: string) =>
  control(`/api/lab/explain?endpoint=${encodeURIComponent(endpoint)}`, explainResponseSchema);
