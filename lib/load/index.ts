/** Public API of the load generator core. The worker entry is worker.ts (not exported). */
export {
  createKeySampler,
  createRng,
  createWeightedPicker,
  createZipf,
  type KeySampler,
  type Rng,
} from './distribution';
export {
  ENDPOINT_KEYS,
  ENDPOINTS,
  type EndpointKey,
  type EndpointSpec,
  type Keyspace,
  type LoadRequest,
} from './endpoints';
export { runLoad, type RunLoadOptions, type RunSummary } from './generator';
export { assertLoopbackTarget, isLoopbackAddress, MAX_SOCKETS, type LoadTarget } from './http-client';
export type { LoadWorkerData, LoadWorkerEvent, LoadWorkerRequest } from './messages';
export {
  DEFAULT_LOAD_LIMITS,
  loadProfileSchema,
  makeLoadProfileSchema,
  type LoadLimits,
  type LoadModel,
  type LoadProfile,
  type LoadProfileInput,
} from './profile';
export { assessReliability, RELIABILITY_THRESHOLDS, type Reliability } from './reliability';
export { createLoadRunner, DEFAULT_WORKER_CAPS } from './runner';
export { abuserShare, clientForRequest, dueTimeMs, targetInSecond, totalRequests } from './schedule';
export { LATE_THRESHOLD_MS, type Counts, type SecondStats, type StatsSummary } from './stats';
