'use client';

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, TOOLTIP_STYLE, VALUE_AXIS } from '@/components/lab/run/chart-style';

/**
 * One bar per write: how long until another client could read it. Loaded lazily (recharts
 * is heavy); the table beside it carries the same numbers.
 */
export function VisibilityChart({
  rows,
  lagMs,
}: {
  rows: { pair: number; ms: number | null }[];
  lagMs: number | null;
}) {
  return (
    <BarChart
      data={rows}
      responsive
      style={{ width: '100%', height: 180 }}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="2 4" vertical={false} />
      <XAxis dataKey="pair" tick={AXIS_TICK} stroke={GRID_STROKE} tickLine={false} />
      <YAxis {...VALUE_AXIS} domain={[0, 'auto']} />
      <Tooltip
        {...TOOLTIP_STYLE}
        isAnimationActive={false}
        labelFormatter={(p) => `write ${String(p)}`}
        formatter={(v) => [`${Number(v).toFixed(0)} ms`, 'visible to others after']}
      />
      {lagMs !== null && <ReferenceLine y={lagMs} stroke="var(--text)" strokeDasharray="4 4" strokeWidth={1.5} />}
      {/* Not a percentile: p50/p95/p99 colours mean those percentiles in every chart. */}
      <Bar dataKey="ms" fill="var(--accent)" isAnimationActive={false} />
    </BarChart>
  );
}
