'use client';

import type { ComponentProps } from 'react';
import { ReplicaProbe as Probe } from '@/components/replica/replica-probe';
import { QueryIsland } from '@/components/ui/query-island';

/** The replica probe in its QueryIsland (loaded through lesson-islands.tsx). */
export const ReplicaProbe = (p: ComponentProps<typeof Probe>) => (
  <QueryIsland>
    <Probe {...p} />
  </QueryIsland>
);
