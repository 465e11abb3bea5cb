'use client';

import { useMemo } from 'react';
import { ChartFrame } from './chart-frame';
import { SERIES } from './chart-style';
import { TimeChart } from './charts-lazy';
import { useLogScale } from './use-log-scale';
import { formatCount, formatMs, formatPct, formatRps } from '@/lib/format';
import { secondsFigures, summaryFigures, type RunFigures } from '@/lib/load/figures';
import {
  errorSentence,
  hitSentence,
  latencySentence,
  throughputSentence,
  toRows,
  type RunSummary,
  type SecondRow,
  type SecondStats,
} from './series';

const num = (n: number | null, digits = 1) => (n === null ? '–' : Number(n.toFixed(digits)));

/** The latest value of a column that has one (a second without answers has no p95). */
function lastOf(rows: readonly SecondRow[], key: keyof SecondRow): number | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const v = rows[i]?.[key];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/**
 * Legend values: the latest second while live; once the run has a summary, the whole run's
 * figures, the very numbers the summary's cards and sentences show (lib/runs/figures.ts).
 */
function legendValues(rows: readonly SecondRow[], fig: RunFigures, live: boolean) {
  if (!live) {
    return {
      note: fig.scope,
      p50: fig.latencyMs?.p50 ?? null,
      p95: fig.latencyMs?.p95 ?? null,
      p99: fig.latencyMs?.p99 ?? null,
      achieved: fig.achievedRps,
      target: fig.targetRps,
      errors: fig.serverErrors,
      limited: fig.rateLimited,
      hitPct: fig.hitRatio === null ? null : fig.hitRatio * 100,
    };
  }
  return {
    note: 'last second',
    p50: lastOf(rows, 'p50'),
    p95: lastOf(rows, 'p95'),
    p99: lastOf(rows, 'p99'),
    achieved: lastOf(rows, 'achieved'),
    target: lastOf(rows, 'target'),
    errors: lastOf(rows, 'errors') ?? 0,
    limited: lastOf(rows, 'limited') ?? 0,
    hitPct: lastOf(rows, 'hitPct'),
  };
}

/**
 * The four live charts of a run, one second per point. The x axis spans the planned
 * duration from the start, so a run fills its charts left to right instead of rescaling.
 */
export function LiveCharts({
  seconds,
  durationSec,
  live,
  summary,
}: {
  seconds: readonly SecondStats[];
  durationSec: number;
  live: boolean;
  summary?: RunSummary | null;
}) {
  const rows = useMemo(() => toRows(seconds), [seconds]);
  const lastT = rows[rows.length - 1]?.t ?? 0;
  const xMax = lastT > durationSec ? Math.ceil(lastT) : durationSec;
  const time = (r: SecondRow) => r.t.toFixed(0);
  const fig = useMemo(
    () => (summary && !live ? summaryFigures(summary) : secondsFigures(seconds)),
    [summary, live, seconds],
  );
  const v = legendValues(rows, fig, live);
  const log = useLogScale();

  return (
    <div className="run-charts" data-testid="run-live-charts">
      <ChartFrame
        title="Latency"
        unit="ms"
        height={150}
        testId="chart-latency"
        log={log}
        legendNote={v.note}
        legend={(['p50', 'p95', 'p99'] as const).map((k) => ({ style: SERIES[k], value: formatMs(v[k]) }))}
        sentence={latencySentence(rows, live)}
        table={{
          columns: ['time (s)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)'],
          rows: rows.map((r) => [time(r), num(r.p50, 2), num(r.p95, 2), num(r.p99, 2)]),
        }}
      >
        <TimeChart
          rows={rows}
          xMax={xMax}
          height={150}
          format={formatMs}
          log={log.on}
          lines={[
            { key: 'p50', style: SERIES.p50 },
            { key: 'p95', style: SERIES.p95 },
            { key: 'p99', style: SERIES.p99 },
          ]}
        />
      </ChartFrame>

      <ChartFrame
        title="Throughput"
        unit="req/s"
        height={110}
        testId="chart-throughput"
        legendNote={v.note}
        legend={[
          { style: SERIES.achieved, value: formatRps(v.achieved) },
          ...(v.target !== null ? [{ style: SERIES.target, value: formatRps(v.target) }] : []),
        ]}
        sentence={throughputSentence(rows, fig)}
        table={{
          columns: ['time (s)', 'achieved (req/s)', 'target (req/s)'],
          rows: rows.map((r) => [time(r), num(r.achieved), num(r.target)]),
        }}
      >
        <TimeChart
          rows={rows}
          xMax={xMax}
          height={110}
          format={formatRps}
          lines={[
            { key: 'target', style: SERIES.target },
            { key: 'achieved', style: SERIES.achieved },
          ]}
        />
      </ChartFrame>

      <ChartFrame
        title="Errors and 429s"
        unit="per s"
        height={100}
        testId="chart-errors"
        legendNote={v.note}
        legend={[
          { style: SERIES.errors, value: formatCount(v.errors) },
          { style: SERIES.limited, value: formatCount(v.limited) },
        ]}
        sentence={errorSentence(rows, live, fig)}
        table={{
          columns: ['time (s)', 'errors (5xx, timeouts, network)', '429s'],
          rows: rows.map((r) => [time(r), r.errors, r.limited]),
        }}
      >
        <TimeChart
          rows={rows}
          xMax={xMax}
          height={100}
          format={formatCount}
          lines={[
            { key: 'errors', style: SERIES.errors },
            { key: 'limited', style: SERIES.limited },
          ]}
        />
      </ChartFrame>

      <ChartFrame
        title="Cache hit ratio"
        unit="%"
        height={100}
        testId="chart-hits"
        legendNote={v.note}
        legend={[{ style: SERIES.hits, value: formatPct(v.hitPct) }]}
        sentence={hitSentence(rows)}
        table={{ columns: ['time (s)', 'hit ratio (%)'], rows: rows.map((r) => [time(r), num(r.hitPct)]) }}
      >
        <TimeChart
          rows={rows}
          xMax={xMax}
          height={100}
          yMax={100}
          format={formatPct}
          lines={[{ key: 'hitPct', style: SERIES.hits }]}
        />
      </ChartFrame>
    </div>
  );
}
