'use client';

import { ChartFrame } from '@/components/lab/run/chart-frame';
import { TimeChart } from '@/components/lab/run/charts-lazy';
import { SERIES } from '@/components/lab/run/chart-style';
import { formatCount, formatMs, formatPct, formatRatio, formatRps } from '@/components/lab/run/format';
import { useLogScale } from '@/components/lab/run/use-log-scale';
import type { SimResponse } from '@/lib/sim/schemas';
import { InstanceBars } from './sim-charts-lazy';
import { SimSourceLabel } from './sim-source-label';
import styles from './sim.module.css';

const UTIL = { label: 'busy', color: 'var(--accent)' };

function errorSentence(series: SimResponse['result']['series'], total: number): string {
  const failing = series.filter((s) => s.errors > 0);
  if (failing.length === 0) return 'Simulation: no request failed.';
  // Second t covers (t-1, t] s of simulated time.
  return `Simulation: ${formatCount(total)} errors, all between ${(failing[0]?.t ?? 1) - 1} s and ${failing.at(-1)?.t ?? 0} s of simulated time.`;
}

/** One simulation's results: headline percentiles, then per instance, then over time. */
export function SimResults({ id, data }: { id: string; data: SimResponse }) {
  const r = data.result;
  const insts = r.instances;
  const fail = r.failure;
  const lat = r.latencyMs;
  const busiest = insts.reduce(
    (a, b) => (b.utilisation > a.utilisation ? b : a),
    insts[0] ?? { instance: 0, utilisation: 0 },
  );
  // The learner's linear/log choice, shared with every run chart (use-log-scale.ts).
  const log = useLogScale();
  return (
    <section className={styles.controls} aria-label="Simulation results" data-testid={`${id}-results`}>
      <SimSourceLabel source={data.source} />
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>p50</dt>
          <dd data-testid={`${id}-p50`}>{formatMs(lat?.p50)}</dd>
        </div>
        <div className={styles.stat}>
          <dt>p95</dt>
          <dd data-testid={`${id}-p95`} data-ms={lat?.p95 ?? ''}>
            {formatMs(lat?.p95)}
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>p99</dt>
          <dd>{formatMs(lat?.p99)}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Offered</dt>
          <dd>{formatRps(data.ratePerSec)}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Requests</dt>
          <dd>{formatCount(r.requests)}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Errors</dt>
          <dd data-testid={`${id}-errors`}>{formatCount(r.errors)}</dd>
        </div>
        {r.hitRatio !== null && (
          <div className={styles.stat}>
            <dt>Hit ratio</dt>
            <dd data-testid={`${id}-hit-ratio`}>{formatRatio(r.hitRatio)}</dd>
          </div>
        )}
      </dl>
      {fail && (
        <p data-testid={`${id}-failure`} style={{ margin: 0 }}>
          Instance {fail.instance} crashed at {fail.atSec} s with <strong>{formatCount(fail.inFlightLost)}</strong>{' '}
          {fail.inFlightLost === 1 ? 'request' : 'requests'} in flight or queued on it. The health check took it out at{' '}
          {fail.detectedAtSec ?? '–'} s; until then the balancer sent it{' '}
          <strong>{formatCount(fail.sentToDeadInstance)}</strong> more.{' '}
          {fail.retried > 0 ? (
            <>
              Retries: {formatCount(fail.retried)}, of which {formatCount(fail.retriedOk)} succeeded.{' '}
            </>
          ) : null}
          Errors in total: <strong>{formatCount(r.errors)}</strong>.
        </p>
      )}
      <div className={styles.charts}>
        <ChartFrame
          title="Busy time per instance"
          unit="%"
          legend={[{ style: UTIL, value: `max ${formatRatio(busiest.utilisation)}` }]}
          height={160}
          sentence={`Simulation: the busiest instance (${busiest.instance}) was busy ${formatRatio(busiest.utilisation)} of the time.`}
          table={{
            columns: ['Instance', 'Busy', 'Served', 'p50', 'p95', 'Hit ratio'],
            rows: insts.map((i) => [
              i.instance,
              formatRatio(i.utilisation),
              formatCount(i.served),
              formatMs(i.latencyMs?.p50),
              formatMs(i.latencyMs?.p95),
              formatRatio(i.hitRatio),
            ]),
          }}
        >
          <InstanceBars
            rows={insts.map((i) => ({ instance: String(i.instance), value: Math.round(i.utilisation * 1000) / 10 }))}
            style={UTIL}
            height={160}
            yMax={100}
            format={(n) => formatPct(n)}
          />
        </ChartFrame>
        <ChartFrame
          title="p95 latency per instance"
          unit="ms"
          legend={[{ style: SERIES.p95 }]}
          height={160}
          log={log}
          testId={`${id}-chart-instance-p95`}
          sentence={`Simulation: p95 ranged from ${formatMs(Math.min(...insts.map((i) => i.latencyMs?.p95 ?? Infinity)))} to ${formatMs(Math.max(...insts.map((i) => i.latencyMs?.p95 ?? 0)))} across instances.`}
          table={{
            columns: ['Instance', 'p50', 'p95', 'p99'],
            rows: insts.map((i) => [
              i.instance,
              formatMs(i.latencyMs?.p50),
              formatMs(i.latencyMs?.p95),
              formatMs(i.latencyMs?.p99),
            ]),
          }}
        >
          <InstanceBars
            rows={insts.map((i) => ({ instance: String(i.instance), value: i.latencyMs?.p95 ?? null }))}
            style={SERIES.p95}
            height={160}
            format={formatMs}
            log={log.on}
          />
        </ChartFrame>
      </div>
      <ChartFrame
        title="p95 over simulated time"
        unit="ms"
        legend={[{ style: SERIES.p95 }]}
        height={170}
        log={log}
        testId={`${id}-chart-p95-time`}
        sentence={`Simulation: p95 of the requests that completed in each simulated second; ${formatCount(r.completed)} completed in all.`}
        table={{
          columns: ['Second', 'Completed', 'Errors', 'p95'],
          rows: r.series.map((s) => [s.t, s.completed, s.errors, formatMs(s.p95)]),
        }}
      >
        <TimeChart
          rows={r.series.map((s) => ({ t: s.t, p95: s.p95 }))}
          xMax={r.series.length}
          height={170}
          lines={[{ key: 'p95', style: SERIES.p95 }]}
          format={formatMs}
          log={log.on}
        />
      </ChartFrame>
      {fail && (
        <ChartFrame
          title="Errors per simulated second"
          unit="errors"
          legend={[{ style: SERIES.errors, value: formatCount(r.errors) }]}
          legendNote="whole run"
          height={120}
          sentence={errorSentence(r.series, r.errors)}
          table={{
            columns: ['Second', 'Errors'],
            rows: r.series.filter((s) => s.errors > 0).map((s) => [s.t, s.errors]),
          }}
        >
          <TimeChart
            rows={r.series.map((s) => ({ t: s.t, errors: s.errors }))}
            xMax={r.series.length}
            height={120}
            lines={[{ key: 'errors', style: SERIES.errors }]}
            format={(n) => formatCount(n)}
          />
        </ChartFrame>
      )}
      <ul className={styles.assumptions} aria-label="What the simulation assumes">
        {data.assumptions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
    </section>
  );
}
