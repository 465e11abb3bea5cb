/**
 * Shared between the two registries (lab server worker and main thread) and the dashboard.
 * Buckets in seconds: the lab answers a cached point read in tens of microseconds and an
 * unindexed scan in tens of milliseconds, so the library's defaults (5 ms and up) would put
 * almost every request of a tuned API in the first bucket.
 */
export const DURATION_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

export const API_PREFIX = '/api/v1';

/** One metric family as prom-client's getMetricsAsJSON returns it: what crosses the thread boundary. */
export type MetricFamily = {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
};

/**
 * Default metrics that describe the whole process, not one thread: CPU, memory, file
 * descriptors, start time and version. They are reported once, from the main thread, without
 * a thread label. Per-thread defaults (event-loop lag, heap, GC, handles) carry
 * thread="main" or thread="lab-server".
 */
export function isProcessWide(name: string): boolean {
  return name.startsWith('process_') || name === 'nodejs_version_info';
}
