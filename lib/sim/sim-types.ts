import type { Strategy } from './balancer';
import type { ServiceSampler } from './service-time';
import type { LatencySummary } from './sim-stats';

/** The simulation's input and output shapes (the zod schemas in schemas.ts mirror the output). */
export type FailureSpec = { instance: number; atSec: number; healthCheckSec: number; retry: boolean };

export type SimConfig = {
  instances: number;
  concurrency: number;
  strategy: Strategy;
  ratePerSec: number;
  durationSec: number;
  seed: number;
  /** Arrivals stop at this count even if durationSec is not over (bounded work). */
  maxRequests: number;
  clients: number;
  clientSkew: number;
  cache: { enabled: boolean; capacity: number };
  failure: FailureSpec | null;
  service: { miss: ServiceSampler; hitMs: number };
};

export type InstanceResult = {
  instance: number;
  served: number;
  utilisation: number;
  latencyMs: LatencySummary | null;
  hitRatio: number | null;
};

export type SecondResult = { t: number; completed: number; errors: number; p95: number | null; utilisation: number[] };

export type FailureResult = {
  instance: number;
  atSec: number;
  detectedAtSec: number | null;
  /** In service or queued on the instance when it died. */
  inFlightLost: number;
  /** Sent to the dead instance after it died, before the health check took it out. */
  sentToDeadInstance: number;
  retried: number;
  retriedOk: number;
};

export type SimResult = {
  requests: number;
  completed: number;
  errors: number;
  arrivalSec: number;
  truncated: boolean;
  latencyMs: LatencySummary | null;
  meanWaitMs: number;
  meanServiceMs: number;
  hitRatio: number | null;
  instances: InstanceResult[];
  failure: FailureResult | null;
  series: SecondResult[];
};
