import type { Db } from '../db/open';
import { QueryRecorder, type QueryTrace } from '../db/recorder';
import { isSandboxId, SandboxBusyError } from '../db/sandboxes';
import { tokenFromHeaders, type VerifyResult } from '../learners/identity';
import { ClientGoneError, type ReaderPool } from '../lab-server/reader-pool';
import type { SandboxRuntime } from '../lab-server/sandbox-state';
import type { ReplicaManager } from '../replica/manager';
import { chooseDatabase } from '../replica/stage';
import { problem } from './problem';
import { allowList, createRouter, type JobsPort, type Route } from './router';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { userRoutes } from './routes/users';
import { serverTiming, type TimingEntry } from './server-timing';
import { requestCache, xCache, type RequestCache } from './stages/app-cache';
import { applyHttpCache } from './stages/http-cache';
import { checkRateLimit, clientKey } from './stages/rate-limit';
import { parseJsonBody } from './json-body';
import { jobRoutes } from './routes/jobs';
import type { ApiRequest, ApiResponse } from './types';
import { shopRoutesV2 } from './v2/routes';
import { negotiateVersion, VERSION_BASES, versionHeaders, type ApiVersion } from './versions';

export const shopRoutes: Route[] = [...productRoutes, ...userRoutes, ...orderRoutes, ...jobRoutes];

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
  limited: boolean;
  /** The contract that answered (null when the version could not be negotiated). */
  apiVersion?: ApiVersion | null;
};

export type PipelineDeps = {
  verify: (token: string | undefined) => Promise<VerifyResult>;
  /**
   * Whether this learner owns this sandbox. A validly signed token is not enough: the pair
   * must exist, or a token for a sandbox that was never made would create files for it.
   */
  ownsSandbox?: (learnerId: string, sandboxId: string) => boolean;
  /** Opens (or creates from the template) the sandbox database owned by this learner. */
  sandboxDb: (sandboxId: string) => Db;
  /** The sandbox's knobs and the state of its cache and limiter. */
  sandboxState: (sandboxId: string) => SandboxRuntime;
  readers: ReaderPool;
  /** Read replicas (the replica knob); without it every request runs on the primary. */
  replicas?: ReplicaManager;
  jobs: JobsPort;
  cursorSecret: Buffer;
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

/**
 * identify client -> rate limit -> (handler with app cache) -> HTTP cache -> respond.
 * Every stage is switched by the sandbox's knobs and every response says what happened
 * in Server-Timing and X-Cache.
 */
export function createPipeline(deps: PipelineDeps) {
  const routers = { 1: createRouter(shopRoutes), 2: createRouter(shopRoutesV2) };
  const now = deps.now ?? (() => new Date());

  return async function handle(req: ApiRequest): Promise<ApiResponse> {
    const t0 = performance.now();
    const base = req.base ?? VERSION_BASES[1];
    const instance = `${base}${req.path}`;
    let version: ApiVersion | null = null;
    let sandboxId: string | null = null;
    let route: string | null = null;
    let recorder: QueryRecorder | null = null;
    let cache: RequestCache | null = null;
    let limitHeaders: Record<string, string> = {};
    let replicaHeaders: Record<string, string> = {};
    let limited = false;

    const finish = (res: ApiResponse): ApiResponse => {
      const totalMs = performance.now() - t0;
      const dbMs = recorder?.dbMs ?? 0;
      const count = recorder?.count ?? 0;
      const timings: TimingEntry[] = [{ name: 'db', dur: dbMs, desc: `${count} ${count === 1 ? 'query' : 'queries'}` }];
      if (cache && cache.outcome !== 'BYPASS') timings.push({ name: 'cache', dur: cache.ms, desc: cache.outcome.toLowerCase() });
      timings.push({ name: 'total', dur: totalMs });
      Object.assign(res.headers, limitHeaders, replicaHeaders);
      versionHeaders(res, base, version, req.path);
      res.headers['server-timing'] = serverTiming(timings);
      res.headers['x-cache'] = xCache(cache?.outcome ?? 'BYPASS');
      deps.onTrace?.({
        sandboxId, method: req.method, route, status: res.status, totalMs, dbMs,
        queries: recorder?.traces ?? [], cache: res.headers['x-cache'] as RequestTrace['cache'], limited, apiVersion: version,
      });
      return res;
    };

    try {
      const negotiated = negotiateVersion(base, req.headers['api-version'], instance);
      if (!negotiated.ok) return finish(negotiated.response);
      version = negotiated.version;
      const match = routers[version];
      const found = match(req.method === 'OPTIONS' ? 'GET' : req.method, req.path);
      if (found.kind === 'not-found') {
        return finish(problem('route-not-found', `There is no route ${req.path} in the Shop API v${version}.`, { instance }));
      }
      if (found.kind === 'method-not-allowed' || req.method === 'OPTIONS') {
        const allow = (found.kind === 'method-not-allowed' ? found.allow : allowFor(match, req.path)).join(', ');
        if (req.method === 'OPTIONS') return finish({ status: 204, headers: { allow }, body: null });
        return finish(problem('method-not-allowed', `${req.method} is not supported on ${instance}. Allowed: ${allow}.`, { instance, headers: { allow } }));
      }
      route = found.route.pattern;

      const verified = await deps.verify(tokenFromHeaders(req.headers.authorization, req.headers.cookie));
      // A signed token naming a malformed sandbox id was not made by this server: treat it as invalid.
      const identity: VerifyResult = verified.ok && (!isSandboxId(verified.claims.sandboxId) || deps.ownsSandbox?.(verified.claims.learnerId, verified.claims.sandboxId) === false)
        ? { ok: false, reason: 'invalid' } : verified;
      if (!identity.ok) {
        const challenge = identity.reason === 'missing' ? 'Bearer realm="scale-lab"' : 'Bearer realm="scale-lab", error="invalid_token"';
        return finish(problem('unauthorized', UNAUTHORIZED_DETAIL[identity.reason], { instance, headers: { 'www-authenticate': challenge } }));
      }
      sandboxId = identity.claims.sandboxId;
      const state = deps.sandboxState(sandboxId);

      if (state.limiter) {
        const client = clientKey(req, identity.claims.learnerId);
        if (!client.ok) return finish(client.response);
        const outcome = checkRateLimit(state.limiter, client.key, Date.now(), instance);
        limitHeaders = outcome.headers;
        if (outcome.limited) {
          limited = true;
          return finish(outcome.limited);
        }
      }

      let body: unknown = undefined;
      if (req.method === 'POST' || req.method === 'PATCH') {
        const parsed = parseJsonBody(req, instance);
        if ('response' in parsed) return finish(parsed.response);
        body = parsed.value;
      }

      const db = chooseDatabase(deps.replicas, {
        sandboxId, settings: state.settings.replica, primary: deps.sandboxDb(sandboxId), req, learnerId: identity.claims.learnerId,
      });
      if (!db.ok) return finish(db.response);
      replicaHeaders = db.choice.headers;
      recorder = new QueryRecorder(db.choice.db, db.choice.onWrite);
      cache = requestCache(state.cache);
      const res = await found.route.handler({
        req, params: found.params, q: recorder, body, instance, now, sandboxId, version, base,
        // v2's contract pages by cursor whatever the pagination knob says (the knob is v1's lesson).
        settings: version === 2 ? { ...state.settings, pagination: { ...state.settings.pagination, mode: 'cursor' } } : state.settings,
        cache, readers: withSignal(deps.readers, req.signal), jobs: deps.jobs, cursorSecret: deps.cursorSecret,
      });
      return finish(applyHttpCache(req, res, state.settings.httpCache));
    } catch (err) {
      if (err instanceof ClientGoneError) {
        // Nobody will read this answer; it is counted, so /metrics shows the shed work.
        return finish(problem('lab-unavailable', 'The server was too busy to start this request before its client gave up.', { instance }));
      }
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

/** The pool as a route sees it: its queued work is dropped if this request's client hangs up. */
function withSignal(readers: ReaderPool, signal: AbortSignal | undefined): ReaderPool {
  if (!signal) return readers;
  return { ...readers, run: (op, args, opts) => readers.run(op, args, { signal, ...opts }) };
}

function allowFor(match: ReturnType<typeof createRouter>, path: string): string[] {
  return allowList(['GET', 'POST', 'PATCH', 'DELETE'].filter((m) => match(m, path).kind === 'match'));
}
