import type { VerifyResult } from '../learners/identity';
import type { QueryRecorder } from '../db/recorder';
import type { Db } from '../db/open';
import type { SandboxView } from './ports';
import type { Route } from './router';
import type { TimingEntry } from './server-timing';
import type { RequestCache } from './stages/app-cache';
import type { ApiRequest, ApiResponse } from './types';
import type { ApiBase, ApiVersion } from './versions';

/**
 * One request on its way through the pipeline. Each stage reads what earlier stages left
 * here and adds its own part; the fields fill in, in the order of the stage list.
 */
export type RequestContext = {
  readonly req: ApiRequest;
  readonly base: ApiBase;
  /** The full request path (base included), for `instance` in problem details. */
  readonly instance: string;
  version: ApiVersion | null;
  route: Route | null;
  params: Record<string, string>;
  learnerId: string | null;
  sandboxId: string | null;
  sandbox: SandboxView | null;
  /** The parsed JSON body of a POST or PATCH. */
  body: unknown;
  db: { db: Db; onWrite?: (sql: string, params: unknown[]) => void } | null;
  recorder: QueryRecorder | null;
  cache: RequestCache | null;
  /** The handler's answer, which stages after the handler may reshape (the HTTP cache). */
  response: ApiResponse | null;
  /** Headers every answer to this request carries, whichever stage ends it (RateLimit, X-Served-By). */
  headers: Record<string, string>;
  limited: boolean;
  /** Server-Timing entries the stages added, in stage order (db, cache and total are the pipeline's). */
  timings: TimingEntry[];
};

/**
 * A pipeline stage: one job, switched by the sandbox's knobs. It answers the request by
 * returning a response (later stages are skipped), or returns nothing to pass it on.
 */
export type Stage = {
  /** The stage's name in Server-Timing when it times itself, and in a stack trace. */
  readonly name: string;
  run(ctx: RequestContext): StageResult | Promise<StageResult>;
};
export type StageResult = ApiResponse | undefined;

export type { VerifyResult };
