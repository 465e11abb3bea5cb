import type { Db } from '../db/open';
import { QueryRecorder, type QueryTrace } from '../db/recorder';
import { isSandboxId, SandboxBusyError } from '../db/sandboxes';
import { tokenFromHeaders, type VerifyResult } from '../learners/identity';
import { problem } from './problem';
import { allowList, createRouter, type Route } from './router';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { userRoutes } from './routes/users';
import { serverTiming } from './server-timing';
import type { ApiRequest, ApiResponse } from './types';

export const shopRoutes: Route[] = [...productRoutes, ...userRoutes, ...orderRoutes];

/** One record per request: what the live stats and the request inspector are built from. */
export type RequestTrace = {
  sandboxId: string | null;
  method: string;
  route: string | null;
  status: number;
  totalMs: number;
  dbMs: number;
  queries: QueryTrace[];
  cache: 'HIT' | 'MISS' | 'BYPASS';
};

export type PipelineDeps = {
  verify: (token: string | undefined) => Promise<VerifyResult>;
  /** Opens (or creates from the template) the sandbox database owned by this learner. */
  sandboxDb: (sandboxId: string) => Db;
  now?: () => Date;
  onTrace?: (trace: RequestTrace) => void;
  onError?: (err: unknown, req: ApiRequest) => void;
};

const UNAUTHORIZED_DETAIL: Record<Exclude<VerifyResult, { ok: true }>['reason'], string> = {
  missing:
    'No learner token was sent. Open a lesson page (it creates your sandbox), or call POST /api/lab/sandbox and send the token it returns as the scale_lab_token cookie or as "Authorization: Bearer <token>".',
  expired: 'Your learner token has expired. Call POST /api/lab/sandbox to get a fresh one; your sandbox is kept.',
  invalid: 'The learner token is not valid: it was changed, or signed by another Scale Lab server. Call POST /api/lab/sandbox for a new one.',
};

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export function createPipeline(deps: PipelineDeps) {
  const match = createRouter(shopRoutes);
  const now = deps.now ?? (() => new Date());

  return async function handle(req: ApiRequest): Promise<ApiResponse> {
    const t0 = performance.now();
    const instance = `/api/v1${req.path}`;
    let sandboxId: string | null = null;
    let route: string | null = null;
    let recorder: QueryRecorder | null = null;

    const finish = (res: ApiResponse): ApiResponse => {
      const totalMs = performance.now() - t0;
      const dbMs = recorder?.dbMs ?? 0;
      const count = recorder?.count ?? 0;
      res.headers['server-timing'] = serverTiming([
        { name: 'db', dur: dbMs, desc: `${count} ${count === 1 ? 'query' : 'queries'}` },
        { name: 'total', dur: totalMs },
      ]);
      res.headers['x-cache'] ??= 'BYPASS';
      deps.onTrace?.({
        sandboxId, method: req.method, route, status: res.status, totalMs, dbMs,
        queries: recorder?.traces ?? [], cache: res.headers['x-cache'] as RequestTrace['cache'],
      });
      return res;
    };

    try {
      const found = match(req.method === 'OPTIONS' ? 'GET' : req.method, req.path);
      if (found.kind === 'not-found') {
        return finish(problem('route-not-found', `There is no route ${req.path} in the Shop API v1. See /api/v1 routes in the lesson pages.`, { instance }));
      }
      if (found.kind === 'method-not-allowed' || req.method === 'OPTIONS') {
        const allow = found.kind === 'method-not-allowed' ? found.allow : allowFor(match, req.path);
        if (req.method === 'OPTIONS') return finish({ status: 204, headers: { allow: allow.join(', ') }, body: null });
        return finish(problem('method-not-allowed', `${req.method} is not supported on ${instance}. Allowed: ${allow.join(', ')}.`, {
          instance, headers: { allow: allow.join(', ') },
        }));
      }
      route = found.route.pattern;

      const verified = await deps.verify(tokenFromHeaders(req.headers.authorization, req.headers.cookie));
      // A signed token naming a malformed sandbox id was not made by this server: treat it as invalid.
      const identity: VerifyResult = verified.ok && !isSandboxId(verified.claims.sandboxId) ? { ok: false, reason: 'invalid' } : verified;
      if (!identity.ok) {
        const challenge = identity.reason === 'missing' ? 'Bearer realm="scale-lab"' : 'Bearer realm="scale-lab", error="invalid_token"';
        return finish(problem('unauthorized', UNAUTHORIZED_DETAIL[identity.reason], { instance, headers: { 'www-authenticate': challenge } }));
      }
      sandboxId = identity.claims.sandboxId;

      let body: unknown = undefined;
      if (req.method === 'POST' || req.method === 'PATCH') {
        const parsed = parseJsonBody(req, instance);
        if ('response' in parsed) return finish(parsed.response);
        body = parsed.value;
      }

      recorder = new QueryRecorder(deps.sandboxDb(sandboxId));
      return finish(found.route.handler({ req, params: found.params, q: recorder, body, instance, now }));
    } catch (err) {
      if (err instanceof SandboxBusyError) {
        return finish(problem('lab-unavailable', 'Your sandbox is being reset to a fresh copy; try again in a moment.', {
          instance, headers: { 'retry-after': '1' },
        }));
      }
      deps.onError?.(err, req);
      // Details go to the server log, never to the client.
      return finish(problem('internal', 'Something went wrong on the server. The error was logged; try again.', { instance }));
    }
  };
}

function allowFor(match: ReturnType<typeof createRouter>, path: string): string[] {
  return allowList(['GET', 'POST', 'PATCH', 'DELETE'].filter((m) => match(m, path).kind === 'match'));
}

function parseJsonBody(req: ApiRequest, instance: string): { value: unknown } | { response: ApiResponse } {
  const type = req.headers['content-type'] ?? '';
  const accept = { [req.method === 'POST' ? 'accept-post' : 'accept-patch']: 'application/json' };
  if (!JSON_TYPE.test(type)) {
    const got = type ? `"${type}"` : 'no Content-Type';
    return { response: problem('unsupported-media-type', `Send the body as JSON with "Content-Type: application/json" (got ${got}).`, { instance, headers: accept }) };
  }
  if (!req.body || req.body.trim() === '') {
    return { response: problem('malformed-json', 'The request body is empty; send a JSON object.', { instance }) };
  }
  try {
    return { value: JSON.parse(req.body) };
  } catch (err) {
    const why = err instanceof SyntaxError ? err.message : 'unparseable';
    return { response: problem('malformed-json', `The body is not valid JSON: ${why}.`, { instance }) };
  }
}
