export {
  ALGORITHMS,
  step,
  validatePolicy,
  type Algorithm,
  type Decision,
  type LimiterState,
  type RateLimitPolicy,
  type StepResult,
} from './algorithms';
export { ceilSeconds, formatRateLimit, formatRateLimitPolicy, rateLimitHeaders } from './headers';
export {
  createRateLimiter,
  DEFAULT_MAX_KEYS,
  type RateLimitCounters,
  type RateLimiter,
  type RateLimiterOptions,
} from './limiter';
