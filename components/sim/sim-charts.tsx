'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_TICK,
  CHART_MARGIN,
  GRID_STROKE,
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
}: {
  rows: { instance: string; value: number | null }[];
  style: SeriesStyle;
  height: number;
  yMax?: number;
  format: (n: number) => string;
}) {
  return (
    <BarChart data={rows} responsive style={{ width: '100%', height }} margin={CHART_MARGIN} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="2 4" vertical={false} />
      <XAxis dataKey="instance" tick={AXIS_TICK} stroke={GRID_STROKE} tickLine={false} interval={0} />
      <YAxis {...VALUE_AXIS} domain={[0, yMax ?? 'auto']} />
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
