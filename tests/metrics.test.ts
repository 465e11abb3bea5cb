import fs from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '@/lib/testing/test-lab';
import { setLabHost } from '@/lib/lab-server/host';
import { parseExposition, type Family } from '@/lib/metrics/exposition';
import { mergeMetrics } from '@/lib/metrics/merge';
import { DURATION_BUCKETS, type MetricFamily } from '@/lib/metrics/names';
import { patchSettings } from './helpers/control-requests';

/**
 * GET /metrics as Prometheus scrapes it: valid exposition text, RED metrics for /api/v1 by
 * route template from the lab server's registry, the main thread's own, and nothing that
 * names a sandbox.
 */
let testLab: Awaited<ReturnType<typeof startTestLab>>;
let metricsRoute: typeof import('@/app/metrics/route');
let api: typeof import('@/lib/lab-server/front-door-routes');
let auth: Record<string, string>;

beforeAll(async () => {
  testLab = await startTestLab('m');
  metricsRoute = await import('@/app/metrics/route');
  api = await import('@/lib/lab-server/front-door-routes');
  auth = await testLab.claim();
});
afterAll(() => testLab.stop());

const get = (path: string) => api.GET(new Request(`http://localhost/api/v1${path}`, { headers: auth }));
const patch = (body: unknown) => patchSettings(auth, body);

async function scrape(): Promise<{ text: string; families: Map<string, Family>; res: Response }> {
  const res = await metricsRoute.GET();
  const text = await res.text();
  return { text, families: parseExposition(text), res };
}

function value(
  families: Map<string, Family>,
  family: string,
  sample: string,
  labels: Record<string, string>,
): number | undefined {
  return families
    .get(family)
    ?.samples.find((s) => s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('GET /metrics', () => {
  it('serves valid exposition text whose histograms end in +Inf = count', async () => {
    for (let i = 0; i < 5; i++) expect((await get('/products/1')).status).toBe(200);
    expect((await get('/nowhere')).status).toBe(404);
    const { res, families, text } = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    // parseExposition already threw on any syntax, grouping or histogram error; check the key ones exist.
    const hist = families.get('scale_lab_api_request_duration_seconds');
    expect(hist?.type).toBe('histogram');
    const labels = { route: '/api/v1/products/{id}', method: 'GET', status: '200' };
    const inf = value(
      families,
      'scale_lab_api_request_duration_seconds',
      'scale_lab_api_request_duration_seconds_bucket',
      { ...labels, le: '+Inf' },
    );
    const count = value(
      families,
      'scale_lab_api_request_duration_seconds',
      'scale_lab_api_request_duration_seconds_count',
      labels,
    );
    expect(count).toBe(5);
    expect(inf).toBe(count);
    // Sub-millisecond buckets, not the library's defaults (which start at 5 ms).
    const les = hist?.samples
      .filter((s) => s.name.endsWith('_bucket') && s.labels.route === labels.route && s.labels.status === '200')
      .map((s) => s.labels.le);
    expect(les).toEqual([...DURATION_BUCKETS.map(String), '+Inf']);
    expect(value(families, 'scale_lab_api_requests_total', 'scale_lab_api_requests_total', labels)).toBe(5);
    // An unknown path is one bounded label value, never the raw path.
    expect(
      value(families, 'scale_lab_api_requests_total', 'scale_lab_api_requests_total', {
        route: 'unmatched',
        status: '404',
      }),
    ).toBe(1);
    expect(text).not.toContain('/nowhere');
    expect(text).not.toMatch(/sbx_|sandbox="/);
  });

  it('counts cache outcomes over all sandboxes, 429s and 5xx errors', async () => {
    const before = await scrape();
    const lookups = (f: Map<string, Family>, outcome: string) =>
      value(f, 'scale_lab_app_cache_lookups_total', 'scale_lab_app_cache_lookups_total', { outcome }) ?? 0;
    expect(
      (
        await patch({
          appCache: { enabled: true },
          rateLimit: { enabled: true, algorithm: 'fixed-window', limit: 3, windowSeconds: 60 },
        })
      ).status,
    ).toBe(200);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await get('/products/7')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const after = await scrape();
    expect(lookups(after.families, 'miss') - lookups(before.families, 'miss')).toBe(1);
    expect(lookups(after.families, 'hit') - lookups(before.families, 'hit')).toBe(2);
    expect(
      after.families
        .get('scale_lab_app_cache_lookups_total')
        ?.samples.map((s) => s.labels.outcome)
        .sort(),
    ).toEqual(['coalesced', 'hit', 'miss', 'stale']);
    expect(
      value(after.families, 'scale_lab_api_rate_limited_total', 'scale_lab_api_rate_limited_total', {
        route: '/api/v1/products/{id}',
        method: 'GET',
      }),
    ).toBe(2);
    expect(after.families.get('scale_lab_api_errors_total')?.type).toBe('counter');
    await patch({ appCache: { enabled: false }, rateLimit: { enabled: false } });
  });

  it("adds the main thread's default metrics, load runs and lab server state", async () => {
    const { families } = await scrape();
    expect(
      value(families, 'nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_p99_seconds', { thread: 'main' }),
    ).toBeGreaterThanOrEqual(0);
    expect(families.get('nodejs_heap_size_used_bytes')?.samples[0]?.labels.thread).toBe('main');
    // Process-wide numbers are reported once, without a thread label.
    expect(families.get('process_resident_memory_bytes')?.samples.map((s) => s.labels)).toEqual([{}]);
    expect(value(families, 'scale_lab_load_runs_active', 'scale_lab_load_runs_active', {})).toBe(0);
    expect(value(families, 'scale_lab_lab_server_up', 'scale_lab_lab_server_up', {})).toBe(1);
    expect(
      value(families, 'scale_lab_lab_server_open_sandboxes', 'scale_lab_lab_server_open_sandboxes', {}),
    ).toBeGreaterThanOrEqual(1);
  });

  it('still answers, with up 0, while the lab server is down', async () => {
    setLabHost(undefined);
    try {
      const { families, res } = await scrape();
      expect(res.status).toBe(200);
      expect(value(families, 'scale_lab_lab_server_up', 'scale_lab_lab_server_up', {})).toBe(0);
      expect(families.has('scale_lab_api_requests_total')).toBe(false);
    } finally {
      setLabHost(testLab.lab);
    }
  });
});

describe('the Grafana dashboard in docs/observability', () => {
  it('only queries metrics that /metrics serves', async () => {
    const dashboard = fs.readFileSync(
      path.join(__dirname, '..', 'docs', 'observability', 'grafana-dashboard.json'),
      'utf8',
    );
    const exprs = [...dashboard.matchAll(/"expr": "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    expect(exprs.length).toBeGreaterThan(5);
    const { families } = await scrape();
    const names = new Set(
      exprs.flatMap((e) =>
        [...e.matchAll(/\b(?:scale_lab|nodejs|process)_[a-z0-9_]+/g)].map((m) =>
          m[0].replace(/_(bucket|sum|count)$/, ''),
        ),
      ),
    );
    for (const name of names) expect(families.has(name), `${name} is on the dashboard but not in /metrics`).toBe(true);
  });

  it('filters every query by the Node selector, so a cluster can be read one node at a time', () => {
    const dashboard = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'docs', 'observability', 'grafana-dashboard.json'), 'utf8'),
    ) as {
      templating: { list: { name: string }[] };
      panels: { targets?: { expr?: string }[] }[];
    };
    expect(dashboard.templating.list.map((v) => v.name)).toContain('node');
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
    for (const expr of exprs) {
      const selectors = [...expr.matchAll(/\b(?:scale_lab|nodejs|process)_[a-z0-9_]+(\{[^}]*\})?/g)];
      for (const m of selectors) expect(m[1] ?? '', `${m[0]} in ${expr}`).toContain('instance=~"$node"');
    }
  });
});

describe('mergeMetrics', () => {
  it("keeps both threads' default metrics apart by label and reports process metrics once", async () => {
    const main = new Registry();
    collectDefaultMetrics({ register: main, labels: { thread: 'main' } });
    const worker = new Registry();
    collectDefaultMetrics({ register: worker, labels: { thread: 'lab-server' } });
    new Counter({ name: 'scale_lab_api_requests_total', help: 'x', registers: [worker] }).inc(3);
    // prom-client types its JSON loosely (MetricObject); MetricFamily is the shape it really returns.
    const json = async (r: Registry) => (await r.getMetricsAsJSON()) as unknown as MetricFamily[];
    const families = parseExposition(await mergeMetrics(await json(main), await json(worker)));
    const threads = families
      .get('nodejs_eventloop_lag_p99_seconds')
      ?.samples.map((s) => s.labels.thread)
      .sort();
    expect(threads).toEqual(['lab-server', 'main']);
    expect(families.get('process_cpu_user_seconds_total')?.samples).toHaveLength(1);
    expect(families.get('nodejs_version_info')?.samples).toHaveLength(1);
    expect(families.get('scale_lab_api_requests_total')?.samples[0]?.value).toBe(3);
  });
});
