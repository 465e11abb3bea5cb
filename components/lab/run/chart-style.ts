/**
 * One colour per meaning, read from the CSS variables so dark mode recolours every chart;
 * a dash pattern per series too, so no line is told apart by colour alone.
 */
export type SeriesStyle = { label: string; color: string; dash?: string };

export const SERIES = {
  p50: { label: 'p50', color: 'var(--p50)' },
  p95: { label: 'p95', color: 'var(--p95)', dash: '6 3' },
  p99: { label: 'p99', color: 'var(--p99)', dash: '2 3' },
  achieved: { label: 'achieved', color: 'var(--accent)' },
  target: { label: 'target', color: 'var(--muted)', dash: '4 4' },
  errors: { label: 'errors', color: 'var(--errors)' },
  limited: { label: '429s', color: 'var(--limited)', dash: '6 3' },
  hits: { label: 'hit ratio', color: 'var(--hits)' },
  latency: { label: 'latency', color: 'var(--p95)' },
} as const satisfies Record<string, SeriesStyle>;

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 11 } as const;
export const GRID_STROKE = 'var(--border)';
// Room at the top for the unit label above the y axis, clear of the highest tick.
export const CHART_MARGIN = { top: 18, right: 8, bottom: 0, left: 0 } as const;
/** Fixed y-axis width: growing tick labels must not shift the plot while a run is live. */
export const Y_AXIS_WIDTH = 44;

export const TOOLTIP_STYLE = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 },
  labelStyle: { color: 'var(--muted)' },
  itemStyle: { fontVariantNumeric: 'tabular-nums' },
} as const;

/** Compact tick labels: 1500 → "1.5k", so the fixed axis width is always enough. */
export function compactTick(n: number): string {
  if (Math.abs(n) >= 1000) return `${Number((n / 1000).toFixed(1))}k`;
  return String(Number(n.toFixed(2)));
}
