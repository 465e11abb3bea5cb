'use client';

import dynamic from 'next/dynamic';

/** Holds the chart's fixed-height box while recharts loads, so nothing below it moves. */
function ChartLoading() {
  return <div className="skeleton run-chart__loading" aria-hidden="true" />;
}

// Both come from one chunk; recharts is never part of a lesson page's first load.
export const TimeChart = dynamic(() => import('./charts').then((m) => m.TimeChart), {
  ssr: false,
  loading: ChartLoading,
});
export const SpectrumChart = dynamic(() => import('./charts').then((m) => m.SpectrumChart), {
  ssr: false,
  loading: ChartLoading,
});
