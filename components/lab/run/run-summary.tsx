'use client';

import { ChartFrame } from './chart-frame';
import { SERIES } from './chart-style';
import { SpectrumChart } from './charts-lazy';
import { useLogScale } from './use-log-scale';
import { formatBytes, formatCount, formatMs, formatNumber, formatPct, formatRatio, formatRps } from '@/lib/format';
import { summaryFigures } from '@/lib/load/figures';
import type { RunRecord } from './run-api';
import type { StoredProfile } from '@/lib/runs/schema';
import { RunExport } from './run-export';
import { spectrumRows, spectrumSentence, type RunSummary as Summary } from './series';

const PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p95', 'p95'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
] as const;

const ENDED: Record<RunRecord['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  stopped: 'Stopped early',
  failed: 'Failed',
};

function LatencyTable({ s }: { s: Summary }) {
  const open = s.model === 'constant-arrival';
  const rows = [
    { name: open ? 'latency (from the scheduled send)' : 'latency', values: s.latencyMs },
    // In the open model the gap between the two rows is the queueing a closed test would hide.
    ...(open ? [{ name: 'service time (from the actual send)', values: s.serviceMs }] : []),
  ];
  return (
    <table className="run-table run-table--summary" data-testid="run-summary-latency">
      <caption className="visually-hidden">Latency percentiles in milliseconds</caption>
      <thead>
        <tr>
          <td />
          {PERCENTILES.map(([, label]) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            {PERCENTILES.map(([key, label]) => (
              <td key={label} className="num">
                {formatMs(r.values?.[key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat__value">{value}</div>
      <div className="stat__label">{label}</div>
    </div>
  );
}

/**
 * The result of a finished run: how it ended, whether its numbers can be trusted, the
 * percentiles, the counters and the full latency spectrum.
 */
const hasAbuser = (p: StoredProfile) => p?.clients.abusive.enabled === true;

export function RunSummary({ run }: { run: RunRecord }) {
  const log = useLogScale();
  const s = run.summary;
  const c = s?.counts;
  // The same figures the legends and sentences show (lib/runs/figures.ts).
  const fig = s ? summaryFigures(s) : null;
  return (
    <section className="run-summary" aria-labelledby="run-summary-title" data-testid="run-summary" data-run-id={run.id}>
      <h3 className="panel__section-title" id="run-summary-title">
        Result · <span data-testid="run-status">{ENDED[run.status]}</span>
        {s && <span className="num"> in {formatNumber(s.elapsedMs / 1000, 1)} s</span>}
      </h3>
      {run.status === 'failed' && (
        <p className="notice notice--bad" role="alert" data-testid="run-error">
          The run failed: {run.error ?? 'no reason was given.'}
        </p>
      )}
      {run.status !== 'failed' && run.error && (
        <p className="notice" data-testid="run-error">
          {run.error}
        </p>
      )}
      {s && !s.reliable && (
        <div className="notice notice--warn" role="note" data-testid="run-unreliable">
          <strong>Unreliable measurement.</strong> Treat these numbers with care:
          <ul className="run-reasons">
            {s.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {s && c && fig && (
        <>
          <LatencyTable s={s} />
          <div className="stat-grid" data-testid="run-summary-stats">
            <Stat
              label={
                fig.targetRps === null ? 'achieved (closed model)' : `achieved (target ${formatRps(fig.targetRps)})`
              }
              value={formatRps(fig.achievedRps)}
              testId="stat-achieved"
            />
            <Stat label="failed (4xx, 5xx, timeouts)" value={formatPct(fig.errorPct)} testId="stat-error-pct" />
            <Stat label="rate-limited (429)" value={formatCount(fig.rateLimited)} testId="stat-rate-limited" />
            <Stat label="timeouts" value={formatCount(fig.timeouts)} />
            <Stat label="cache hit ratio" value={formatRatio(fig.hitRatio)} testId="stat-hit-ratio" />
            {fig.hitRatio !== null && (
              <Stat label="cache misses (computed)" value={formatCount(fig.cacheMisses)} testId="stat-cache-misses" />
            )}
            <Stat label="received" value={formatBytes(c.bytes)} />
            <Stat label="requests answered" value={formatCount(fig.completed)} />
            {c.dropped > 0 && <Stat label="dropped (in-flight cap)" value={formatCount(c.dropped)} />}
            {/* With an abuser in the run, what the other clients got is measured apart (the capstone grades it). */}
            {s.fair && hasAbuser(run.profile) && (
              <>
                <Stat
                  label="p95, legitimate clients only"
                  value={formatMs(s.fair.latencyMs?.p95)}
                  testId="stat-fair-p95"
                />
                <Stat
                  label="legitimate clients failed (429, 5xx, timeouts)"
                  value={formatPct(s.fair.errorPct)}
                  testId="stat-fair-error-pct"
                />
              </>
            )}
          </div>
          {s.spectrum.length > 0 && (
            <ChartFrame
              title="Latency spectrum"
              unit="ms"
              height={130}
              testId="chart-spectrum"
              legend={[{ style: SERIES.latency }]}
              sentence={spectrumSentence(s)}
              log={log}
              table={{
                columns: ['percentile', 'latency (ms)'],
                rows: s.spectrum.map((p) => [`p${p.percentile}`, Number(p.ms.toFixed(2))]),
              }}
            >
              <SpectrumChart rows={spectrumRows(s)} height={130} format={formatMs} log={log.on} />
            </ChartFrame>
          )}
        </>
      )}
      {run.status !== 'running' && <RunExport run={run} />}
    </section>
  );
}
