import { describe, expect, it } from 'vitest';
import type { RequestTrace } from '../api/pipeline';
import { parseExposition } from './exposition';
import { createLabMetrics } from './lab-metrics';

const trace = (over: Partial<RequestTrace>): RequestTrace => ({
  sandboxId: 'sbx_aaaaaaaaaaaaaaaaaaaa',
  method: 'GET',
  route: '/products/{id}',
  status: 200,
  totalMs: 1,
  dbMs: 0,
  queries: [],
  cache: 'BYPASS',
  limited: false,
  ...over,
});

describe('lab server metrics', () => {
  it('puts a duration on a bucket bound into that bucket (le is "less than or equal")', async () => {
    const m = createLabMetrics({ defaultMetrics: false });
    m.observe(trace({ totalMs: 0.1 })); // exactly 0.0001 s
    m.observe(trace({ totalMs: 0.3 }));
    m.observe(trace({ totalMs: 60_000 })); // beyond the last bound: +Inf only
    const fam = parseExposition((await m.registry.metrics()) + '\n').get('scale_lab_api_request_duration_seconds');
    const bucket = (le: string) => fam?.samples.find((s) => s.labels.le === le)?.value;
    expect([bucket('0.0001'), bucket('0.00025'), bucket('0.0005'), bucket('5'), bucket('+Inf')]).toEqual([
      1, 1, 2, 2, 3,
    ]);
    expect(fam?.samples.find((s) => s.name.endsWith('_sum'))?.value).toBeCloseTo(60.0004, 6);
  });

  it('keeps label values bounded: unmatched routes, unknown methods, never the sandbox', async () => {
    const m = createLabMetrics({ defaultMetrics: false });
    m.observe(trace({ route: null, method: 'BREW', status: 404 }));
    m.observe(trace({ status: 503 }));
    m.observe(trace({ status: 429, limited: true }));
    m.cacheLookup('STALE');
    const text = await m.registry.metrics();
    const families = parseExposition(text + '\n');
    expect(families.get('scale_lab_api_requests_total')?.samples.map((s) => s.labels)).toContainEqual({
      route: 'unmatched',
      method: 'other',
      status: '404',
    });
    expect(families.get('scale_lab_api_errors_total')?.samples.map((s) => [s.labels.status, s.value])).toEqual([
      ['503', 1],
    ]);
    expect(families.get('scale_lab_api_rate_limited_total')?.samples[0]).toMatchObject({
      labels: { route: '/api/v1/products/{id}', method: 'GET' },
      value: 1,
    });
    expect(
      families.get('scale_lab_app_cache_lookups_total')?.samples.find((s) => s.labels.outcome === 'stale')?.value,
    ).toBe(1);
    expect(text).not.toContain('sbx_');
  });

  it('counters survive repeated scrapes without double counting', async () => {
    const m = createLabMetrics({ defaultMetrics: false });
    m.observe(trace({}));
    await m.registry.metrics();
    m.observe(trace({}));
    const families = parseExposition((await m.registry.metrics()) + '\n');
    expect(families.get('scale_lab_api_requests_total')?.samples[0]?.value).toBe(2);
  });
});
