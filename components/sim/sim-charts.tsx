'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_TICK,
  CHART_MARGIN,
  GRID_STROKE,
  logAxis,
  TOOLTIP_STYLE,
  VALUE_AXIS,
  type SeriesStyle,
} from '@/components/lab/run/chart-style';

/**
 * The simulation's only recharts import: one bar per instance. Loaded lazily through
 * sim-charts-lazy.tsx so the lesson text paints first. Animation is off, as on the run charts.
 */
export function InstanceBars({
  rows,
  style,
  height,
  yMax,
  format,
  log = false,
}: {
  rows: { instance: string; value: number | null }[];
  style: SeriesStyle;
  height: number;
  yMax?: number;
  format: (n: number) => string;
  /** Log y axis (latency), as on the run charts: bars start at the lowest power of ten. */
  log?: boolean;
}) {
  // A log axis has no zero: an instance that served nothing gets no bar rather than one from minus infinity.
  const data = log ? rows.map((r) => (r.value !== null && r.value > 0 ? r : { ...r, value: null })) : rows;
  const axis = log ? logAxis(data.map((r) => r.value)) : null;
  return (
    <BarChart data={data} responsive style={{ width: '100%', height }} margin={CHART_MARGIN} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="2 4" vertical={false} />
      <XAxis dataKey="instance" tick={AXIS_TICK} stroke={GRID_STROKE} tickLine={false} interval={0} />
      {axis ? (
        <YAxis {...VALUE_AXIS} scale="log" domain={axis.domain} ticks={axis.ticks} allowDataOverflow />
      ) : (
        <YAxis {...VALUE_AXIS} domain={[0, yMax ?? 'auto']} />
      )}
      <Tooltip
        {...TOOLTIP_STYLE}
        isAnimationActive={false}
        cursor={{ fill: 'var(--surface-2)' }}
        formatter={(v) => format(typeof v === 'number' ? v : Number(v))}
      />
      <Bar dataKey="value" name={style.label} fill={style.color} isAnimationActive={false} radius={[3, 3, 0, 0]} />
    </BarChart>
  );
}
