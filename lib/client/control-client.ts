import { ShapeError } from './shape';

/**
 * The one browser-side client for the control API (/api/lab/**, /api/workshop/**). Every
 * failure becomes a ProblemError read from the RFC 9457 body the server sends
 * (lib/api/problem.ts), so each feature can show the same things the same way: the server's
 * sentence, field errors beside their fields, and when a busy server wants us back.
 * Framework-free on purpose: no React, no Next, so it runs in any test environment.
 */
export type FieldProblem = { field: string; detail: string; in?: string; pointer?: string };

export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string | null;
  readonly fieldErrors: FieldProblem[];
  /** Seconds to wait before trying again (429 and 503 send Retry-After), or null. */
  readonly retryAfter: number | null;
  /** The whole problem body, for features with their own extension members (sqlError, limitMs). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    detail: string;
    title?: string;
    type?: string | null;
    fieldErrors?: FieldProblem[];
    retryAfter?: number | null;
    body?: Record<string, unknown>;
  }) {
    super(init.detail);
    this.name = 'ProblemError';
    this.status = init.status;
    this.detail = init.detail;
    this.title = init.title ?? (init.status === 0 ? 'No answer' : `HTTP ${init.status}`);
    this.type = init.type ?? null;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfter = init.retryAfter ?? null;
    this.body = init.body ?? {};
  }
}

/** Any thrown value as a ProblemError, so a view has one shape to show. */
export function asProblem(e: unknown): ProblemError | null {
  if (e instanceof ProblemError) return e;
  if (e instanceof Error) return new ProblemError({ status: 0, detail: e.message });
  return null;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function fieldErrorsOf(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    const { field, detail, in: where, pointer } = (e ?? {}) as Record<string, unknown>;
    if (typeof field !== 'string' || typeof detail !== 'string') return [];
    return [
      {
        field,
        detail,
        ...(typeof where === 'string' ? { in: where } : {}),
        ...(typeof pointer === 'string' ? { pointer } : {}),
      },
    ];
  });
}

/** Turns any failed response (problem+json or not) into a ProblemError with a sentence for the learner. */
export function toProblemError(
  status: number,
  body: unknown,
  retryAfterHeader: string | null,
  nowMs = Date.now(),
): ProblemError {
  const obj =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const retryAfter = parseRetryAfter(retryAfterHeader, nowMs);
  // A 503 always means "later": when the server did not say how much later, wait a little.
  const wait = status === 503 ? (retryAfter ?? 5) : retryAfter;
  const detail =
    status === 401
      ? 'Your learner session has expired or is missing; reload the page to get a new one.'
      : (text(obj.detail) ??
        (status === 503
          ? `The server is busy running other learners' load; try again in ${wait} s.`
          : (text(obj.title) ?? `The server answered ${status}.`)));
  return new ProblemError({
    status,
    detail,
    title: text(obj.title),
    type: text(obj.type) ?? null,
    fieldErrors: fieldErrorsOf(obj.errors),
    retryAfter: wait,
    body: obj,
  });
}

/** One line for a notice: the detail, and when to try again if the server said. */
export function problemSentence(p: ProblemError): string {
  const again =
    p.retryAfter !== null && (p.status === 429 || p.status === 503) && !/try again in/i.test(p.detail)
      ? ` Try again in ${p.retryAfter} s.`
      : '';
  return `${p.detail}${again}`;
}

/** A zod schema, or a boot-time check of the same shape (shape.ts). */
export type AnswerParser<T> = { parse: (value: unknown) => T };

/** Calls the control API and parses the answer with the schema the server answers with. */
export async function controlFetch<T>(
  url: string,
  schema: AnswerParser<T>,
  init?: RequestInit,
  opts?: FetchOptions,
): Promise<T> {
  const body = await controlFetchRaw(url, init, opts);
  try {
    return schema.parse(body);
  } catch (e) {
    // Say which answer was wrong: the check's message only knows the path inside it.
    if (e instanceof ShapeError) throw new ShapeError(e.path, e.expected, e.got, url);
    throw e;
  }
}

/** `accept`: failure statuses whose body is still the answer (health's 503 carries the lab's state). */
export type FetchOptions = { accept?: readonly number[] };

/** The same, for answers without a schema (204, or a body the caller does not read). */
export async function controlFetchRaw(url: string, init?: RequestInit, opts?: FetchOptions): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch {
    throw new ProblemError({ status: 0, detail: 'Could not reach the server. Check that the lab is still running.' });
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok && !opts?.accept?.includes(res.status))
    throw toProblemError(res.status, body, res.headers.get('retry-after'));
  return body;
}

/** A JSON request body with its content type. */
export function sendJson(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
