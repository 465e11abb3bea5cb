'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { ChartFrame } from './chart-frame';
import { earlier, SERIES, type SeriesStyle } from './chart-style';
import { TimeChart } from './charts-lazy';
import { useLogScale } from './use-log-scale';
import { formatChange, formatCount, formatMs, formatPct, formatRatio, formatRps } from '@/lib/format';
import { summaryFigures, type RunFigures } from '@/lib/load/figures';
import { diffKnobs, diffProfiles, verdict, type Difference } from './knob-diff';
import { runLabel } from './profile-form';
import { fetchRun, listRuns, runKeys, type RunListItem, type RunRecord } from './run-api';
import { compareRows, p95Range } from './series';
import { runsForVerdict, type VerdictScope } from '@/lib/runs/scope';
import { ProblemNotice } from '@/components/ui/problem-notice';

// Colour keeps its meaning (which percentile); the dash says which run.
// p50 and p95 look as they do in every chart; "before" is the same line, fainter.
const BEFORE_P50: SeriesStyle = earlier(SERIES.p50, 'before p50');
const BEFORE_P95: SeriesStyle = earlier(SERIES.p95, 'before p95');
const AFTER_P50: SeriesStyle = { ...SERIES.p50, label: 'after p50' };
const AFTER_P95: SeriesStyle = { ...SERIES.p95, label: 'after p95' };

type Metric = {
  name: string;
  get: (f: RunFigures) => number | null | undefined;
  show: (n: number | null | undefined) => string;
  ratio?: boolean;
};
const METRICS: Metric[] = [
  { name: 'p50', get: (f) => f.latencyMs?.p50, show: formatMs, ratio: true },
  { name: 'p95', get: (f) => f.latencyMs?.p95, show: formatMs, ratio: true },
  { name: 'p99', get: (f) => f.latencyMs?.p99, show: formatMs, ratio: true },
  { name: 'max', get: (f) => f.latencyMs?.max, show: formatMs, ratio: true },
  { name: 'throughput', get: (f) => f.achievedRps, show: formatRps, ratio: true },
  { name: 'failed', get: (f) => f.errorPct, show: formatPct },
  { name: '429s', get: (f) => f.rateLimited, show: formatCount },
  { name: 'hit ratio', get: (f) => f.hitRatio, show: formatRatio },
  { name: 'cache misses', get: (f) => (f.hitRatio === null ? null : f.cacheMisses), show: formatCount },
];
/** A run's figures as every other view shows them (lib/runs/figures.ts); null without a summary. */
const figuresOf = (r: RunListItem) => (r.summary ? summaryFigures(r.summary) : null);

function RunPicker({
  label,
  runs,
  value,
  onChange,
  testId,
}: {
  label: string;
  runs: RunListItem[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="run-picker">
      <label htmlFor={id} className="run-label">
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {runLabel(r)}
          </option>
        ))}
      </select>
    </div>
  );
}

const useFullRun = (id: string | undefined) =>
  useQuery({
    queryKey: runKeys.one(id ?? ''),
    queryFn: () => fetchRun(id ?? ''),
    enabled: Boolean(id),
    staleTime: Infinity,
  });

/**
 * Two finished runs side by side: p50/p95 over time, the numbers with their ratio, and what
 * changed between them. On a lesson page the default pair is that lesson's two latest runs
 * since it was started (never a run from another lesson); the pickers can choose any run.
 */
export function RunCompare({ scope }: { scope?: VerdictScope }) {
  const list = useQuery({ queryKey: runKeys.list, queryFn: () => listRuns(20) });
  const finished = useMemo(
    () => (list.data?.data ?? []).filter((r) => r.status !== 'running' && r.summary),
    [list.data],
  );
  const pair = scope ? runsForVerdict(finished, scope) : finished;
  const [picked, setPicked] = useState<{ a?: string; b?: string }>({});
  const a = finished.find((r) => r.id === picked.a) ?? pair[1];
  const b = finished.find((r) => r.id === picked.b) ?? pair[0];
  const fullA = useFullRun(a?.id);
  const fullB = useFullRun(b?.id);

  if (list.isPending) return <div className="skeleton" style={{ height: 60 }} aria-label="Loading your runs" />;
  if (list.isError) return <ProblemNotice error={list.error} action="Could not load your runs" />;
  if (!a || !b) {
    return (
      <p className="notice run-empty" data-testid="run-compare-empty">
        Finish two runs{scope ? ' in this lesson' : ''} to compare them here. Change one knob in between (add an index,
        turn on the cache) and see what it did.
      </p>
    );
  }
  const figA = figuresOf(a);
  const figB = figuresOf(b);
  const knobs = diffKnobs(a.knobs, b.knobs);
  const load = diffProfiles(a.profile, b.profile);
  return (
    <div className="run-compare" data-testid="run-compare">
      <div className="run-compare__pickers">
        <RunPicker
          label="Before"
          runs={finished}
          value={a.id}
          onChange={(id) => setPicked((p) => ({ ...p, a: id }))}
          testId="compare-a"
        />
        <RunPicker
          label="After"
          runs={finished}
          value={b.id}
          onChange={(id) => setPicked((p) => ({ ...p, b: id }))}
          testId="compare-b"
        />
      </div>
      <p className="run-verdict" data-testid="run-verdict">
        {verdict(knobs, load, a, b)}
      </p>
      <CompareChart a={fullA.data} b={fullB.data} loading={fullA.isPending || fullB.isPending} />
      <table className="run-table run-table--compare" data-testid="run-compare-table">
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">before</th>
            <th scope="col">after</th>
            <th scope="col">change</th>
          </tr>
        </thead>
        <tbody>
          {METRICS.map((m) => {
            const before = figA ? m.get(figA) : null;
            const after = figB ? m.get(figB) : null;
            return (
              <tr key={m.name}>
                <th scope="row">{m.name}</th>
                <td className="num">{m.show(before)}</td>
                <td className="num">{m.show(after)}</td>
                <td className="num">{m.ratio ? formatChange(before, after) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Differences
        title="Knobs that differ"
        items={knobs}
        empty="The knobs were the same in both runs."
        testId="run-knob-diff"
      />
      {load.length > 0 && (
        <Differences title="The load differed too" items={load} empty="" warn testId="run-load-diff" />
      )}
    </div>
  );
}

function Differences({
  title,
  items,
  empty,
  warn,
  testId,
}: {
  title: string;
  items: Difference[];
  empty: string;
  warn?: boolean;
  testId: string;
}) {
  return (
    <div className={warn ? 'notice notice--warn' : undefined} data-testid={testId}>
      <h4 className="run-chart__title">{title}</h4>
      {items.length === 0 ? (
        <p className="muted run-hint">{empty}</p>
      ) : (
        <ul className="run-diff">
          {items.map((d) => (
            <li key={d.what}>
              <span>{d.what}</span>: <span className="num">{d.before}</span> →{' '}
              <strong className="num">{d.after}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CompareChart({ a, b, loading }: { a?: RunRecord; b?: RunRecord; loading: boolean }) {
  const rows = useMemo(() => compareRows(a?.seconds ?? [], b?.seconds ?? []), [a, b]);
  const last = rows[rows.length - 1];
  const log = useLogScale();
  const sentence = loading
    ? 'Loading both runs…'
    : `Second by second, p95 ranged ${p95Range(rows, 'aP95')} before and ${p95Range(rows, 'bP95')} after.`;
  return (
    <ChartFrame
      title="p50 and p95 over time"
      unit="ms"
      height={140}
      sentence={sentence}
      testId="chart-compare"
      log={log}
      legend={[{ style: BEFORE_P95 }, { style: AFTER_P95 }, { style: BEFORE_P50 }, { style: AFTER_P50 }]}
      table={{
        columns: ['second', 'before p50', 'before p95', 'after p50', 'after p95'],
        rows: rows.map((r) => [r.t, formatMs(r.aP50), formatMs(r.aP95), formatMs(r.bP50), formatMs(r.bP95)]),
      }}
    >
      <TimeChart
        rows={rows}
        xMax={Math.max(1, last?.t ?? 1)}
        height={140}
        format={formatMs}
        log={log.on}
        lines={[
          { key: 'aP50', style: BEFORE_P50 },
          { key: 'aP95', style: BEFORE_P95 },
          { key: 'bP50', style: AFTER_P50 },
          { key: 'bP95', style: AFTER_P95 },
        ]}
      />
    </ChartFrame>
  );
}
