'use client';

import dynamic from 'next/dynamic';

export function LabPanelSkeleton() {
  return (
    <div className="panel" aria-busy="true" aria-label="Loading the lab">
      <div className="panel__header">
        <span className="panel__title">Your lab</span>
      </div>
      <div className="panel__body">
        <div className="skeleton" style={{ height: 36 }} />
        <div className="skeleton" style={{ height: 180 }} />
      </div>
    </div>
  );
}

/** The lab is an island: the lesson text paints first, the lab arrives after (lab-dock.tsx says when). */
export const LabPanelLazy = dynamic(() => import('./lab-panel').then((m) => m.LabPanel), {
  ssr: false,
  loading: LabPanelSkeleton,
});
