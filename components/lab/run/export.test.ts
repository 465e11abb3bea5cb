import { describe, expect, it } from 'vitest';
import type { RunRecord } from './run-api';
import { CSV_COLUMNS, exportName, runCsv } from './export';

const second = (i: number, latency: RunRecord['seconds'][number]['latencyMs']): RunRecord['seconds'][number] => ({
  second: i,
  tMs: (i + 1) * 1000,
  windowMs: 1000,
  targetRps: 50,
  achievedRps: 49.5,
  sentRps: 50,
  inFlight: 1,
  counts: {
    sent: 50,
    completed: 49,
    dropped: 0,
    late: 0,
    status: { '1xx': 0, '2xx': 45, '3xx': 0, '4xx': 4, '5xx': 0 },
    rateLimited: 3,
    timeouts: 1,
    errors: 0,
    cancelled: 0,
    cache: { hit: 30, miss: 19, bypass: 0, none: 0 },
    bytes: 1000,
  },
  latencyMs: latency,
  serviceMs: latency,
  maxLagMs: 0,
});

describe('run export', () => {
  it('writes one CSV row per second with the documented columns', () => {
    const csv = runCsv({ seconds: [second(0, { p50: 1.23456, p95: 4, p99: 9.5, max: 12 }), second(1, null)] });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe('t,sent,completed,rps,p50,p95,p99,max,2xx,4xx,5xx,429,timeouts,hits,misses');
    expect(lines[1]).toBe('1,50,49,49.5,1.235,4,9.5,12,45,4,0,3,1,30,19');
    // A second with no answers has no percentiles: empty cells, not zeros.
    expect(lines[2]).toBe('2,50,49,49.5,,,,,45,4,0,3,1,30,19');
    expect(lines).toHaveLength(3);
  });

  it('names files after the run and its start', () => {
    expect(exportName({ id: 'run_abc123', startedAt: '2025-01-31T14:05:09.123Z' }, 'csv')).toBe(
      'scale-lab-run_abc123-2025-01-31-1405.csv',
    );
  });
});
