'use client';

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_TICK,
  CHART_MARGIN,
  GRID_STROKE,
  logAxis,
  SERIES,
  TOOLTIP_STYLE,
  VALUE_AXIS,
  type SeriesStyle,
} from './chart-style';
import { NINES_TICKS, ninesLabel } from './series';

/**
 * The only module that imports recharts. It is loaded through charts-lazy.tsx, so the chart
 * library arrives after the lesson text and the run form have painted. Animation is off:
 * data arrives every second, and a tween between frames would only blur it (and ignore
 * reduced-motion settings).
 */
export type LineSpec = { key: string; style: SeriesStyle };
type Row = { [key: string]: number | null };

const toNumber = (v: unknown) => (typeof v === 'number' ? v : Number(v));

function Lines({ lines, dots }: { lines: LineSpec[]; dots: boolean }) {
  return lines.map(({ key, style }) => (
    <Line
      key={key}
      dataKey={key}
      name={style.label}
      type="linear"
      stroke={style.color}
      strokeWidth={1.75}
      strokeDasharray={style.dash}
      strokeOpacity={style.opacity}
      dot={dots ? { r: 2, fill: style.color, strokeWidth: 0 } : false}
      activeDot={{ r: 3 }}
      connectNulls={false}
      isAnimationActive={false}
    />
  ));
}

/** A time series: x is seconds since the start, fixed to the run's length so lines grow rightwards without rescaling. */
/** A log axis drops values it cannot place (zero, null) instead of drawing them at minus infinity. */
function positive<R extends Row>(rows: R[], keys: string[]): R[] {
  return rows.map((r) => {
    const out: Row = { ...r };
    for (const k of keys) if (!((out[k] ?? 0) > 0)) out[k] = null;
    return out as R;
  });
}

export function TimeChart({
  rows,
  lines,
  xMax,
  height,
  yMax,
  format,
  log = false,
}: {
  rows: Row[];
  lines: LineSpec[];
  xMax: number;
  height: number;
  /** A fixed top (100 for percentages); otherwise it follows the data. */
  yMax?: number;
  format: (n: number) => string;
  /** Log y axis (latency): keeps a 19 ms line readable beside a 5,000 ms one. */
  log?: boolean;
}) {
  const keys = lines.map((l) => l.key);
  const data = log ? positive(rows, keys) : rows;
  const axis = log ? logAxis(data.flatMap((r) => keys.map((k) => r[k]))) : null;
  return (
    <LineChart
      data={data}
      responsive
      style={{ width: '100%', height }}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="2 4" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        domain={[0, xMax]}
        allowDecimals={false}
        tick={AXIS_TICK}
        stroke={GRID_STROKE}
        tickFormatter={(v: number) => `${v} s`}
        tickLine={false}
      />
      {axis ? (
        <YAxis {...VALUE_AXIS} scale="log" domain={axis.domain} ticks={axis.ticks} allowDataOverflow />
      ) : (
        <YAxis
          {...VALUE_AXIS}
          domain={[0, yMax ?? 'auto']}
          allowDecimals={false}
          allowDataOverflow={yMax !== undefined}
        />
      )}
      <Tooltip
        {...TOOLTIP_STYLE}
        isAnimationActive={false}
        labelFormatter={(t) => `at ${toNumber(t).toFixed(0)} s`}
        formatter={(v) => format(toNumber(v))}
      />
      <Lines lines={lines} dots={rows.length < 2} />
    </LineChart>
  );
}

/** Latency by percentile on a "nines" axis: p90, p99, p99.9 and p99.99 equally spaced, so the tail is visible. */
export function SpectrumChart({
  rows,
  height,
  format,
  log = false,
}: {
  rows: { x: number; ms: number }[];
  height: number;
  format: (n: number) => string;
  log?: boolean;
}) {
  const axis = log ? logAxis(rows.map((r) => r.ms)) : null;
  const data = log ? rows.filter((r) => r.ms > 0) : rows;
  return (
    <LineChart
      data={data}
      responsive
      style={{ width: '100%', height }}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="2 4" />
      <XAxis
        dataKey="x"
        type="number"
        domain={[0, 4]}
        ticks={[...NINES_TICKS]}
        tick={AXIS_TICK}
        stroke={GRID_STROKE}
        tickFormatter={ninesLabel}
        tickLine={false}
      />
      {axis ? (
        <YAxis {...VALUE_AXIS} scale="log" domain={axis.domain} ticks={axis.ticks} allowDataOverflow />
      ) : (
        <YAxis {...VALUE_AXIS} domain={[0, 'auto']} />
      )}
      <Tooltip
        {...TOOLTIP_STYLE}
        isAnimationActive={false}
        labelFormatter={(x) => `p${Number((100 * (1 - 10 ** -toNumber(x))).toFixed(3))}`}
        formatter={(v) => format(toNumber(v))}
      />
      <Lines lines={[{ key: 'ms', style: SERIES.latency }]} dots />
    </LineChart>
  );
}
