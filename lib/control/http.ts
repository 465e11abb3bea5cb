import type { z } from 'zod';
import { getLabHost, type LabHost } from '../lab-server/host';
import { TOKEN_COOKIE, tokenFromHeaders } from '../learners/identity';
import { authenticate } from './sandbox-service';
import { controlLimiter, type ControlPolicy } from '../rate-limit/control-policies';
import { rateLimitHeaders } from '../rate-limit';
import type { SandboxRecord } from '../db/app-db';
import type { ControlRuntime } from './ports';
import { toFetchResponse } from '../api/fetch-adapter';
import { parseJsonBody } from '../api/json-body';
import { lockConflictProblem } from '../api/lock-problem';
import { problem, type FieldError, type ProblemType } from '../api/problem';
import { parseBody } from '../api/validate';
import { CONTROL_BODY_LIMIT, readBodyText } from './body';
import { LabUnavailableError } from '../workers/lab-unavailable';
import { NODE_KEY_HEADER } from './node-key';

/** Small helpers shared by the control API's route handlers (/api/lab/*): parse, authorise, limit. */
export function requestToken(request: Request): string | undefined {
  return tokenFromHeaders(request.headers.get('authorization'), request.headers.get('cookie'));
}

export function problemResponse(
  type: ProblemType,
  detail: string,
  request: Request,
  headers?: Record<string, string>,
  errors?: FieldError[],
): Response {
  return toFetchResponse(
    problem(type, detail, { instance: new URL(request.url).pathname, headers, ...(errors ? { errors } : {}) }),
  );
}

function tokenCookie(token: string, maxAgeSeconds: number, request: Request): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/**
 * Headers of a response that hands out a learner token: its cookie, and behind nginx the key the
 * token carries (X-Scale-Lab-Node-Key), which nginx sets as the affinity cookie, so the browser
 * and the token hash to the same node.
 */
export function issuedTokenHeaders(
  issued: { token: string; nodeKey: string | undefined },
  maxAgeSeconds: number,
  request: Request,
): Record<string, string> {
  return {
    'set-cookie': tokenCookie(issued.token, maxAgeSeconds, request),
    'cache-control': 'no-store',
    ...(issued.nodeKey ? { [NODE_KEY_HEADER]: issued.nodeKey } : {}),
  };
}

export const UNAUTHORIZED_CONTROL =
  'This needs your learner token. Call POST /api/lab/sandbox first (a lesson page does this for you); it sets the cookie and returns the token for "Authorization: Bearer".';

/** A 429 problem if this key is over the policy's limit, else null. */
export function limitControl(request: Request, policy: ControlPolicy, key: string): Response | null {
  const limiter = controlLimiter(policy);
  const decision = limiter.check(key, Date.now());
  if (decision.allowed) return null;
  const headers = rateLimitHeaders(decision, limiter.policy, policy);
  return problemResponse(
    'rate-limited',
    `Too many ${policy.replace('-', ' ')} requests. Try again in ${headers['Retry-After'] ?? '1'} s.`,
    request,
    headers,
  );
}

export async function requireLearner(
  rt: ControlRuntime,
  request: Request,
  policy: ControlPolicy,
): Promise<{ ok: true; record: SandboxRecord } | { ok: false; response: Response }> {
  let auth: Awaited<ReturnType<typeof authenticate>>;
  try {
    auth = await authenticate(rt, requestToken(request));
  } catch (err) {
    // Cluster mode: this learner's sandbox is not ready here yet (lib/control/adopt-sandbox.ts
    // says why: the lab server is starting, the takeover is still running or failed, or another
    // live node holds it). Every takeover failure arrives as LabUnavailableError.
    if (!LabUnavailableError.is(err)) throw err;
    return {
      ok: false,
      response: problemResponse(
        'lab-unavailable',
        `Your lab is not ready on this server yet (${err.message}); try again in a few seconds.`,
        request,
        { 'retry-after': '2' },
      ),
    };
  }
  if (!auth.ok) {
    return {
      ok: false,
      response: problemResponse('unauthorized', UNAUTHORIZED_CONTROL, request, {
        'www-authenticate': 'Bearer realm="scale-lab"',
      }),
    };
  }
  const limited = limitControl(request, policy, auth.claims.learnerId);
  return limited ? { ok: false, response: limited } : { ok: true, record: auth.record };
}

export function readyLab(request: Request): { ok: true; lab: LabHost } | { ok: false; response: Response } {
  const lab = getLabHost();
  if (!lab || lab.status().state !== 'ready') {
    return {
      ok: false,
      response: problemResponse(
        'lab-unavailable',
        'The lab server is not ready yet; try again in a few seconds.',
        request,
        { 'retry-after': '2' },
      ),
    };
  }
  return { ok: true, lab };
}

/**
 * JSON body of a control request: 415, 400 or 422 problems exactly like the Shop API's, and
 * 413 past the size limit (read through lib/control/body.ts, never unbounded).
 */
export async function readJson<T>(
  request: Request,
  schema: z.ZodType<T>,
  opts: { limit?: number } = {},
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const instance = new URL(request.url).pathname;
  const text = await readBodyText(request, opts.limit ?? CONTROL_BODY_LIMIT);
  if (!text.ok) return text;
  const parsed = parseJsonBody(
    {
      method: request.method,
      headers: { 'content-type': request.headers.get('content-type') ?? undefined },
      body: text.text,
    },
    instance,
  );
  if ('response' in parsed) return { ok: false, response: toFetchResponse(parsed.response) };
  const valid = parseBody(schema, parsed.value, instance);
  return valid.ok ? { ok: true, data: valid.data } : { ok: false, response: toFetchResponse(valid.response) };
}

/**
 * Calls into the lab server can time out when it is saturated (everyone's load, a long index
 * build). That is the server being busy, not a bug: answer 503 with Retry-After and say so.
 */
export async function withLab(request: Request, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    // A schema change already running on this sandbox (409), or its lock held throughout (503).
    const conflict = lockConflictProblem(err, new URL(request.url).pathname);
    if (conflict) return toFetchResponse(conflict);
    if (!LabUnavailableError.is(err)) throw err;
    const why = err.message;
    console.error(`[control] ${request.method} ${new URL(request.url).pathname}: ${why}`);
    return problemResponse(
      'lab-unavailable',
      `The lab server is too busy to answer right now (${why}). Nothing was lost; try again in a few seconds.`,
      request,
      { 'retry-after': '5' },
    );
  }
}
