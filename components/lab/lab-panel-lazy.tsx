'use client';

import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import type { LabPanel } from './lab-panel';

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

/**
 * The lab is an island: the lesson text paints first, the lab arrives after (lab-dock.tsx says
 * when). Its react-query provider comes in the same lazy load: in the page, even unrendered, it
 * put react-query into every lesson's first-load JavaScript, on phones that never open the lab.
 */
export const LabPanelLazy = dynamic(
  () =>
    Promise.all([import('./lab-panel'), import('@/components/ui/query-island')]).then(([{ LabPanel: Panel }, q]) => {
      const LabPanelInIsland = (props: ComponentProps<typeof LabPanel>) => (
        <q.QueryIsland>
          <Panel {...props} />
        </q.QueryIsland>
      );
      return LabPanelInIsland;
    }),
  { ssr: false, loading: LabPanelSkeleton },
);
