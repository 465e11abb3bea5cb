import { TOKEN_COOKIE, tokenFromHeaders } from '../learners/identity';
import { toFetchResponse } from './fetch-adapter';
import { problem, type ProblemType } from './problem';

/** Small helpers shared by the control API's route handlers (/api/lab/*). */
export function requestToken(request: Request): string | undefined {
  return tokenFromHeaders(request.headers.get('authorization'), request.headers.get('cookie'));
}

export function problemResponse(type: ProblemType, detail: string, request: Request, headers?: Record<string, string>): Response {
  return toFetchResponse(problem(type, detail, { instance: new URL(request.url).pathname, headers }));
}

export function tokenCookie(token: string, maxAgeSeconds: number, request: Request): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export const UNAUTHORIZED_CONTROL =
  'This needs your learner token. Call POST /api/lab/sandbox first (a lesson page does this for you); it sets the cookie and returns the token for "Authorization: Bearer".';
