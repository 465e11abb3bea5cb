'use client';

import type { ComponentProps } from 'react';
import { LoadBalancerSim as Sim } from '@/components/sim/load-balancer-sim';
import { StatelessDemo as Demo } from '@/components/sim/stateless-demo';
import { QueryIsland } from '@/components/ui/query-island';

/** The simulation widgets in their QueryIslands (loaded through lesson-islands.tsx). */
export const LoadBalancerSim = (p: ComponentProps<typeof Sim>) => (
  <QueryIsland>
    <Sim {...p} />
  </QueryIsland>
);
export const StatelessDemo = (p: ComponentProps<typeof Demo>) => (
  <QueryIsland>
    <Demo {...p} />
  </QueryIsland>
);
