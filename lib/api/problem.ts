import type { ApiResponse } from './types';

/**
 * RFC 9457 problem details. `type` is a relative URI into this app's own problem pages, so
 * it resolves against whatever host serves the lab, offline included.
 */
export const PROBLEMS = {
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'invalid-parameters': { status: 400, title: 'Invalid query or path parameters' },
  'unsupported-api-version': { status: 400, title: 'Unsupported API version' },
  unauthorized: { status: 401, title: 'Learner token required' },
  'not-found': { status: 404, title: 'Resource not found' },
  'route-not-found': { status: 404, title: 'No such route' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  // Answered by scripts/http-client-errors.cjs, before the app sees the request.
  'headers-too-large': { status: 431, title: 'Request header fields too large' },
  'malformed-request': { status: 400, title: 'Malformed HTTP request' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'validation-failed': { status: 422, title: 'The request body has invalid fields' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key was used for a different request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  'lab-unavailable': { status: 503, title: 'The lab server is not available' },
  'queue-full': { status: 503, title: 'The order queue is full' },
  'server-full': { status: 503, title: 'The server is full' },
} as const;

export type ProblemType = keyof typeof PROBLEMS;

export type FieldError = { field: string; in: 'body' | 'query' | 'path' | 'header'; detail: string; pointer?: string };

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemBody(
  type: ProblemType,
  detail: string,
  extra: { instance?: string; errors?: FieldError[]; [k: string]: unknown } = {},
): ProblemBody {
  const p = PROBLEMS[type];
  return { type: `/problems/${type}`, title: p.title, status: p.status, detail, ...extra };
}

export function problem(
  type: ProblemType,
  detail: string,
  extra: { instance?: string; errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
): ApiResponse {
  const { headers, ...rest } = extra;
  const body = problemBody(type, detail, rest);
  return {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}
