'use client';

import { useId, useState, type ReactNode } from 'react';
import type { SeriesStyle } from './chart-style';

export type LegendItem = { style: SeriesStyle; value?: string };
export type ChartTable = { columns: string[]; rows: (string | number)[][] };

/** A line sample in the legend: the same colour and dash as on the chart. */
export function Swatch({ style }: { style: SeriesStyle }) {
  return (
    <svg width="18" height="8" aria-hidden="true" className="run-swatch">
      <line
        x1="0"
        y1="4"
        x2="18"
        y2="4"
        stroke={style.color}
        strokeWidth="2.5"
        strokeDasharray={style.dash}
        strokeOpacity={style.opacity}
      />
    </svg>
  );
}

/**
 * Every chart in the run views sits in this frame: a title, a legend with current values,
 * the chart in a box of fixed height (so nothing reflows while data streams in), a one-line
 * summary in words, and a button that swaps the chart for its data as a table. The SVG itself
 * is hidden from screen readers: the sentence and the table say the same, better.
 */
export function ChartFrame({
  title,
  unit,
  legend,
  legendNote,
  height,
  sentence,
  table,
  children,
  testId,
  log,
}: {
  title: string;
  unit: string;
  legend: LegendItem[];
  /** What the legend's values are: "last second" while live, "whole run" after. */
  legendNote?: string;
  height: number;
  sentence: string;
  table: ChartTable;
  children: ReactNode;
  testId?: string;
  /** Latency charts: a linear/log switch (use-log-scale.ts); the unit label says which is shown. */
  log?: { on: boolean; toggle: () => void };
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="run-chart" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="run-chart__head">
        <h4 className="run-chart__title" id={`${id}-title`}>
          {title}
        </h4>
        <button
          type="button"
          className="btn btn--ghost run-chart__toggle"
          aria-controls={`${id}-body`}
          aria-label={`Show ${title.toLowerCase()} as a ${asTable ? 'chart' : 'table'}`}
          onClick={() => setAsTable((t) => !t)}
        >
          {asTable ? 'Chart' : 'Table'}
        </button>
        {log && !asTable && (
          <button
            type="button"
            className="btn btn--ghost run-chart__toggle run-chart__scale"
            aria-pressed={log.on}
            onClick={log.toggle}
            data-testid="log-scale"
          >
            Log scale
          </button>
        )}
        <ul className="run-legend" aria-label={legendNote ? `${title}, ${legendNote}` : title}>
          {legendNote && (
            <li className="run-legend__note" aria-hidden="true">
              {legendNote}
            </li>
          )}
          {legend.map((item) => (
            <li key={item.style.label}>
              <Swatch style={item.style} />
              {item.style.label}
              {item.value !== undefined && <span className="num run-legend__value">{item.value}</span>}
            </li>
          ))}
        </ul>
      </div>
      <div className="run-chart__body" id={`${id}-body`} style={{ height }}>
        {asTable ? (
          <div className="run-chart__table" role="region" aria-label={`${title}: data`} tabIndex={0}>
            <table className="run-table">
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((cell, j) => (
                      <td key={j} className="num">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {table.rows.length === 0 && <p className="muted run-chart__empty">No data yet.</p>}
          </div>
        ) : (
          <div className="run-chart__plot" aria-hidden="true">
            <span className="run-chart__unit">{log?.on ? `${unit}, log scale` : unit}</span>
            {children}
          </div>
        )}
      </div>
      <figcaption className="run-chart__sentence">{sentence}</figcaption>
    </figure>
  );
}
