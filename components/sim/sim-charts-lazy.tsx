'use client';

import dynamic from 'next/dynamic';

function ChartLoading() {
  return <div className="skeleton run-chart__loading" aria-hidden="true" />;
}

// recharts arrives after the lesson text and the simulation's controls have painted.
export const InstanceBars = dynamic(() => import('./sim-charts').then((m) => m.InstanceBars), {
  ssr: false,
  loading: ChartLoading,
});
