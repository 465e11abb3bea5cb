import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { RequestTrace } from '../api/pipeline';
import type { CacheOutcome } from '../cache/app-cache';
import { API_PREFIX, DURATION_BUCKETS, type MetricFamily } from './names';
import { VERSION_BASES } from '../api/versions';

/**
 * The lab server's metrics: it serves /api/v1 in its own worker thread, so its registry lives
 * there and the main thread asks for it (control call `metrics`) at scrape time. Labels are
 * route templates, methods and statuses only: never a sandbox, learner or raw path, so the
 * number of series stays small however many learners there are.
 *
 * The request path only bumps plain numbers (about 0.2 µs); prom-client's own observe() costs
 * ~4 µs for a labelled histogram and two counters, a few percent of a cached request. The
 * numbers become prom-client metrics when a scrape collects them.
 */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const DURATION = 'scale_lab_api_request_duration_seconds';

type Series = {
  labels: { route: string; method: string; status: string };
  /** Per bucket (not cumulative); the last slot is above the highest bound (+Inf only). */
  buckets: Float64Array;
  sum: number;
  count: number;
  limited: number;
};

export type LabMetricsOptions = {
  /**
   * Collect Node's default metrics here, labelled thread="lab-server". Only in the worker:
   * on the main thread (tests) the main registry already has them.
   */
  defaultMetrics: boolean;
  openSandboxes?: () => number;
};

export function createLabMetrics(opts: LabMetricsOptions) {
  const registry = new Registry();
  const registers = [registry];
  const series = new Map<string, Series>();
  const cache: Record<string, number> = { hit: 0, miss: 0, stale: 0, coalesced: 0 };

  // A histogram built from the series at scrape time, registered like any prom-client metric.
  const duration = {
    name: DURATION,
    help: 'Time the lab server took to answer a Shop API request, from routing to the response (excludes the network).',
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({
      name: duration.name,
      help: duration.help,
      type: duration.type,
      aggregator: duration.aggregator,
      values: histogramValues(series),
    }),
  };
  // prom-client's Metric type is its class; a custom collector is a plain object with the same get(), which the registry accepts.
  registry.registerMetric(duration as unknown as Metric);

  const counterOf = (
    name: string,
    help: string,
    values: () => Iterable<[Record<string, string>, number]>,
    labelNames: string[],
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        for (const [labels, n] of values()) if (n > 0) this.inc(labels, n);
      },
    });
  counterOf(
    'scale_lab_api_requests_total',
    'Shop API requests answered, by route template, method and status.',
    () => [...series.values()].map((s) => [s.labels, s.count]),
    ['route', 'method', 'status'],
  );
  counterOf(
    'scale_lab_api_errors_total',
    'Shop API responses with a 5xx status (server errors), by route template, method and status.',
    () => [...series.values()].filter((s) => s.labels.status.startsWith('5')).map((s) => [s.labels, s.count]),
    ['route', 'method', 'status'],
  );
  counterOf(
    'scale_lab_api_rate_limited_total',
    'Shop API requests refused with 429 by a sandbox rate limiter.',
    () => {
      const byRoute = new Map<string, [Record<string, string>, number]>();
      for (const s of series.values()) {
        const key = `${s.labels.route} ${s.labels.method}`;
        const entry = byRoute.get(key) ?? [{ route: s.labels.route, method: s.labels.method }, 0];
        entry[1] += s.limited;
        byRoute.set(key, entry);
      }
      return byRoute.values();
    },
    ['route', 'method'],
  );
  new Counter({
    name: 'scale_lab_app_cache_lookups_total',
    help: 'Application cache lookups over all sandboxes: hit, miss (cold or evicted), stale (expired by TTL) or coalesced (waited for a concurrent miss).',
    labelNames: ['outcome'],
    registers,
    collect() {
      this.reset();
      for (const [outcome, n] of Object.entries(cache)) this.inc({ outcome }, n);
    },
  });
  if (opts.openSandboxes) {
    const read = opts.openSandboxes;
    new Gauge({
      name: 'scale_lab_lab_server_open_sandboxes',
      help: 'Sandbox databases the lab server has open.',
      registers,
      collect() {
        this.set(read());
      },
    });
  }
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, labels: { thread: 'lab-server' } });

  // The series of the last request, checked first: under load one route answers again and again.
  let last: { trace: Pick<RequestTrace, 'route' | 'apiVersion' | 'method' | 'status'>; series: Series } | null = null;
  function seriesOf(trace: RequestTrace): Series {
    if (
      last !== null &&
      last.trace.route === trace.route &&
      last.trace.status === trace.status &&
      last.trace.method === trace.method &&
      last.trace.apiVersion === trace.apiVersion
    )
      return last.series;
    const route =
      trace.route === null ? 'unmatched' : (trace.apiVersion === 2 ? VERSION_BASES[2] : API_PREFIX) + trace.route;
    const method = KNOWN_METHODS.has(trace.method) ? trace.method : 'other';
    const key = `${route} ${method} ${trace.status}`;
    let s = series.get(key);
    if (!s) {
      s = {
        labels: { route, method, status: String(trace.status) },
        buckets: new Float64Array(DURATION_BUCKETS.length + 1),
        sum: 0,
        count: 0,
        limited: 0,
      };
      series.set(key, s);
    }
    last = {
      trace: { route: trace.route, apiVersion: trace.apiVersion, method: trace.method, status: trace.status },
      series: s,
    };
    return s;
  }

  return {
    registry,
    /** Called from the pipeline's onTrace, once per request: a map lookup and a few additions. */
    observe(trace: RequestTrace) {
      const s = seriesOf(trace);
      const seconds = trace.totalMs / 1000;
      let i = 0;
      while (i < DURATION_BUCKETS.length && seconds > (DURATION_BUCKETS[i] ?? Infinity)) i++;
      s.buckets[i] = (s.buckets[i] ?? 0) + 1;
      s.sum += seconds;
      s.count++;
      if (trace.limited) s.limited++;
    },
    cacheLookup(outcome: CacheOutcome) {
      cache[outcome.toLowerCase()] = (cache[outcome.toLowerCase()] ?? 0) + 1;
    },
    /** Plain JSON (structured-clone safe) for the main thread to merge with its own. */
    // prom-client types its JSON loosely (MetricObject, values of any shape); MetricFamily is the shape it really returns.
    json: (): Promise<MetricFamily[]> => registry.getMetricsAsJSON() as unknown as Promise<MetricFamily[]>,
  };
}

/** Cumulative buckets ending in +Inf (= count), then _sum and _count, as prom-client's JSON has them. */
function histogramValues(series: Map<string, Series>): MetricFamily['values'] {
  const values: MetricFamily['values'] = [];
  for (const s of series.values()) {
    let cumulative = 0;
    DURATION_BUCKETS.forEach((le, i) => {
      cumulative += s.buckets[i] ?? 0;
      values.push({ labels: { ...s.labels, le }, value: cumulative, metricName: `${DURATION}_bucket` });
    });
    values.push({ labels: { ...s.labels, le: '+Inf' }, value: s.count, metricName: `${DURATION}_bucket` });
    values.push({ labels: s.labels, value: s.sum, metricName: `${DURATION}_sum` });
    values.push({ labels: s.labels, value: s.count, metricName: `${DURATION}_count` });
  }
  return values;
}

export type LabMetrics = ReturnType<typeof createLabMetrics>;
