/**
 * One colour per meaning, read from the CSS variables so dark mode recolours every chart;
 * a dash pattern per series too, so no line is told apart by colour alone.
 */
export type SeriesStyle = { label: string; color: string; dash?: string; opacity?: number };

export const SERIES = {
  p50: { label: 'p50', color: 'var(--p50)' },
  p95: { label: 'p95', color: 'var(--p95)', dash: '6 3' },
  p99: { label: 'p99', color: 'var(--p99)', dash: '2 3' },
  achieved: { label: 'achieved', color: 'var(--accent)' },
  target: { label: 'target', color: 'var(--muted)', dash: '4 4' },
  errors: { label: 'errors', color: 'var(--errors)' },
  limited: { label: '429s', color: 'var(--limited)', dash: '6 3' },
  hits: { label: 'hit ratio', color: 'var(--hits)' },
  // Not a percentile series: the whole spectrum of one run, so it borrows no percentile's colour.
  latency: { label: 'latency', color: 'var(--text)' },
} as const satisfies Record<string, SeriesStyle>;

/**
 * A percentile series from an earlier run ("before p95"): the same colour and dash as p95
 * everywhere else, only fainter, so p95 always looks like p95.
 */
export function earlier(style: SeriesStyle, label: string): SeriesStyle {
  return { ...style, label, opacity: 0.45 };
}

/**
 * A log axis for latency: a 5,000 ms "before" must not flatten a 19 ms "after". Bounds are
 * powers of ten around the positive values (a log axis has no zero); ticks at each power.
 */
export function logAxis(values: Iterable<number | null | undefined>): { domain: [number, number]; ticks: number[] } {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (typeof v === 'number' && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi > 0)) return { domain: [0.1, 10], ticks: [0.1, 1, 10] };
  const a = Math.floor(Math.log10(lo));
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
  const ticks: number[] = [];
  for (let e = a; e <= b; e++) ticks.push(Number((10 ** e).toPrecision(1)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 11 } as const;
export const GRID_STROKE = 'var(--border)';
// Room at the top for the unit label above the y axis, clear of the highest tick.
export const CHART_MARGIN = { top: 18, right: 8, bottom: 0, left: 0 } as const;
/** Fixed y-axis width: growing tick labels must not shift the plot while a run is live. */
export const Y_AXIS_WIDTH = 44;

/** The y axis every chart shares (spread into <YAxis>): fixed width, compact ticks, no tick marks. */
export const VALUE_AXIS = {
  width: Y_AXIS_WIDTH,
  tick: AXIS_TICK,
  stroke: GRID_STROKE,
  tickFormatter: compactTick,
  tickLine: false,
} as const;

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
