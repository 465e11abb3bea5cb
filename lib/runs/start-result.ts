import type { Admission } from './admission';
import type { RunRecord } from './schema';

export type StartResult =
  | { ok: true; run: RunRecord }
  | { ok: false; reason: 'learner-busy'; runId: string }
  | { ok: false; reason: 'server-busy'; detail: string; retryAfterS: number }
  /** The profile can never run on this server (e.g. more virtual users than it has): 422 at start. */
  | { ok: false; reason: 'invalid'; field: string; detail: string }
  | { ok: false; reason: 'paused' }
  | { ok: false; reason: 'lab-down' };

export type StartRefusal = Extract<StartResult, { ok: false }>;

/** An admission refusal as the start answers it: 422 for a profile that can never run, else busy. */
export function refusal(a: Extract<Admission, { ok: false }>): StartRefusal {
  return a.status === 422
    ? { ok: false, reason: 'invalid', field: a.field, detail: a.detail }
    : { ok: false, reason: 'server-busy', detail: a.detail, retryAfterS: a.retryAfterS };
}
