import type { Db } from '../db/open';
import type { QueryTrace } from '../db/recorder';
import { SandboxBusyError, ServerFullError } from '../db/sandboxes';
import type { VerifyResult } from '../learners/identity';
import { lockConflictProblem } from './lock-problem';
import { ClientGoneError, type JobsPort, type ReaderPort, type ReplicaPort, type SandboxView } from './ports';
import { problem } from './problem';
import type { Route } from './router';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { userRoutes } from './routes/users';
import { jobRoutes } from './routes/jobs';
import { fixed2, serverTiming } from './server-timing';
import type { RequestContext, Stage } from './stage';
import { appCacheStage, xCache } from './stages/app-cache';
import { bodyStage } from './stages/body';
import { handlerStage } from './stages/handler';
import { httpCacheStage } from './stages/http-cache';
import { identifyStage } from './stages/identify';
import { rateLimitStage } from './stages/rate-limit';
import { replicaStage } from './stages/replica';
import { routeStage } from './stages/route';
import { versionStage } from './stages/version';
import type { ApiRequest, ApiResponse } from './types';
import { shopRoutesV2 } from './v2/routes';
import { VERSION_BASES, versionHeaders, type ApiVersion } from './versions';

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

/** What the pipeline needs from the thread that hosts it (the ports are declared in ./ports). */
export type PipelineDeps = {
  verify: (token: string | undefined) => VerifyResult | Promise<VerifyResult>;
  /**
   * Whether this learner owns this sandbox. A validly signed token is not enough: the pair
   * must exist, or a token for a sandbox that was never made would create files for it.
   */
  ownsSandbox?: (learnerId: string, sandboxId: string) => boolean;
  /** Opens (or creates from the template) the sandbox database owned by this learner. */
  sandboxDb: (sandboxId: string) => Db;
  /** The sandbox's knobs and the state of its cache and limiter. */
  sandboxState: (sandboxId: string) => SandboxView;
  readers: ReaderPort;
  /** Read replicas (the replica knob); without it every request runs on the primary. */
  replicas?: ReplicaPort;
  jobs: JobsPort;
  cursorSecret: Buffer;
  now?: () => Date;
  onTrace?: (trace: RequestTrace) => void;
  onError?: (err: unknown, req: ApiRequest) => void;
};

/**
 * The request pipeline, in order. Each stage has one job and is switched by the sandbox's
 * knobs; a stage that answers (a 401, a 429, a 304's handler result) ends the request, and
 * every answer says what happened in Server-Timing and X-Cache.
 */
export function pipelineStages(deps: PipelineDeps): Stage[] {
  return [
    versionStage, //                                      API-Version / mount -> contract
    routeStage({ 1: shopRoutes, 2: shopRoutesV2 }), //    404, 405, OPTIONS
    identifyStage(deps.verify, deps.sandboxState, deps.ownsSandbox), // learner token -> sandbox and its knobs
    rateLimitStage, //                                    knob: 429 + RateLimit headers
    bodyStage, //                                         415 / 400 for POST and PATCH
    replicaStage(deps.replicas, deps.sandboxDb), //       knob: primary or replica
    appCacheStage, //                                     knob: cache-aside for the handler
    handlerStage({
      readers: deps.readers,
      jobs: deps.jobs,
      cursorSecret: deps.cursorSecret,
      now: deps.now ?? (() => new Date()),
    }),
    httpCacheStage, //                                    knob: ETag, Cache-Control, 304
  ];
}

/**
 * The pipeline as one function. It answers synchronously when every stage did (a point lookup
 * with the knobs off: the hot path), and with a promise only when a stage had to wait, so the
 * common request costs no promise and no microtask hop.
 */
export type PipelineHandle = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export function createPipeline(deps: PipelineDeps): PipelineHandle {
  const stages = pipelineStages(deps);
  const { onTrace } = deps;

  return function handle(req: ApiRequest): ApiResponse | Promise<ApiResponse> {
    const t0 = performance.now();
    const base = req.base ?? VERSION_BASES[1];
    const ctx: RequestContext = {
      req,
      base,
      instance: `${base}${req.path}`,
      version: null,
      route: null,
      params: NO_PARAMS,
      learnerId: null,
      sandboxId: null,
      sandbox: null,
      body: undefined,
      db: null,
      recorder: null,
      cache: null,
      response: null,
      headers: {},
      limited: false,
      timings: [],
    };
    let res: ApiResponse | Promise<ApiResponse>;
    try {
      res = runStages(stages, ctx, 0);
    } catch (err) {
      res = failure(err, ctx, deps);
    }
    if (res instanceof Promise) {
      return res.then(
        (r) => finish(ctx, r, t0, onTrace),
        (err: unknown) => finish(ctx, failure(err, ctx, deps), t0, onTrace),
      );
    }
    return finish(ctx, res, t0, onTrace);
  };
}

// Requests that never reach routing share one empty params object (the route stage replaces it).
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Runs the stages from `from` on; only a stage that returned a promise makes the rest wait for it. */
function runStages(stages: Stage[], ctx: RequestContext, from: number): ApiResponse | Promise<ApiResponse> {
  for (let i = from; i < stages.length; i++) {
    const out = (stages[i] as Stage).run(ctx);
    if (out instanceof Promise) return out.then((answer) => answer ?? runStages(stages, ctx, i + 1));
    if (out) return out;
  }
  if (!ctx.response) throw new Error('pipeline: no stage answered');
  return ctx.response;
}

/** Every failure a stage can throw becomes one problem answer here (details go to the log, never the client). */
function failure(err: unknown, ctx: RequestContext, deps: PipelineDeps): ApiResponse {
  const { instance } = ctx;
  if (err instanceof ClientGoneError) {
    // Nobody will read this answer; it is counted, so /metrics shows the shed work.
    return problem('lab-unavailable', 'The server was too busy to start this request before its client gave up.', {
      instance,
    });
  }
  if (err instanceof SandboxBusyError) {
    return problem('lab-unavailable', 'Your sandbox is being reset to a fresh copy; try again in a moment.', {
      instance,
      headers: { 'retry-after': '1' },
    });
  }
  if (err instanceof ServerFullError) {
    return problem('server-full', err.message, { instance, headers: { 'retry-after': '600' } });
  }
  // Lock conflicts on the learner's own sandbox (their index build holds its write lock):
  // 503 + Retry-After or 409, never 500. Shared connections do not wait (busy_timeout 0).
  const conflict = lockConflictProblem(err, instance);
  if (conflict) return conflict;
  deps.onError?.(err, ctx.req);
  return problem('internal', 'Something went wrong on the server. The error was logged; try again.', { instance });
}

/** The headers every answer carries (Server-Timing, X-Cache, version, RateLimit...) and the trace. */
function finish(ctx: RequestContext, res: ApiResponse, t0: number, onTrace: PipelineDeps['onTrace']): ApiResponse {
  const totalMs = performance.now() - t0;
  const { recorder, cache } = ctx;
  const dbMs = recorder?.dbMs ?? 0;
  const count = recorder?.count ?? 0;
  // Built as one string (this runs on every request): db, the knob stages' own entries, cache, total.
  let timing = `db;dur=${fixed2(dbMs)};desc="${count} ${count === 1 ? 'query' : 'queries'}"`;
  if (ctx.timings.length) timing += `, ${serverTiming(ctx.timings)}`;
  if (cache && cache.outcome !== 'BYPASS')
    timing += `, cache;dur=${fixed2(cache.ms)};desc="${cache.outcome.toLowerCase()}"`;
  timing += `, total;dur=${fixed2(totalMs)}`;
  Object.assign(res.headers, ctx.headers);
  versionHeaders(res, ctx.base, ctx.version, ctx.req.path);
  const outcome = xCache(cache?.outcome ?? 'BYPASS');
  res.headers['server-timing'] = timing;
  res.headers['x-cache'] = outcome;
  onTrace?.({
    sandboxId: ctx.sandboxId,
    method: ctx.req.method,
    route: ctx.route?.pattern ?? null,
    status: res.status,
    totalMs,
    dbMs,
    queries: recorder?.traces ?? [],
    cache: outcome,
    limited: ctx.limited,
    apiVersion: ctx.version,
  });
  return res;
}
