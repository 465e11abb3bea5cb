import type { Keyspace } from './endpoints';
import type { RunSummary } from './generator';
import type { LoadTarget } from './http-client';
import type { LoadLimits, LoadProfileInput } from './profile';
import type { SecondStats } from './stats';

/**
 * The load worker's protocol. Types only, so the main thread can import them without pulling
 * the generator into the Next.js bundle.
 */
export type LoadWorkerData = {
  /** Profile limits (duration, rate, users) from server configuration. */
  limits?: Partial<LoadLimits>;
  /** Sum of open-model rates across concurrent runs, req/s. */
  maxTotalRate?: number;
  /** Sum of virtual users across concurrent closed-model runs. */
  maxTotalUsers?: number;
  maxConcurrentRuns?: number;
  /** In-flight cap per open-model run (at most 256). */
  maxInFlight?: number;
};

export type LoadWorkerRequest =
  | {
      type: 'start';
      runId: string;
      /** Validated again in the worker against the configured limits. */
      profile: LoadProfileInput;
      target: LoadTarget;
      token: string;
      keyspace: Keyspace;
      /** Overrides workerData.maxTotalRate for this decision, if the server changed it. */
      maxTotalRate?: number;
      /** A closed-model run's share of the rate budget: its users together never send faster. */
      rateCeiling?: number;
    }
  | { type: 'stop'; runId: string };

export type LoadWorkerEvent =
  | { type: 'ready' }
  | { type: 'started'; runId: string }
  | { type: 'second'; runId: string; stats: SecondStats }
  | { type: 'done'; runId: string; summary: RunSummary }
  | { type: 'error'; runId: string; message: string };
