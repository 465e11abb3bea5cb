import type { MDXComponents } from 'mdx/types';
import { Callout, Hint } from './callout';
import { Check } from './checks';
import { Explain, Lab } from './lab-actions';
import { Prediction } from './prediction';
import { Quiz } from './quiz';
import { LoadBalancerSim } from '@/components/sim/load-balancer-sim';
import { StatelessDemo } from '@/components/sim/stateless-demo';
import { ReplicaProbe } from '@/components/replica/replica-probe';
import { WhatMattered } from './what-mattered';

/**
 * Every tag a lesson author may use, in one registry: <Lab/>, <Prediction/>, <Check/>,
 * <Quiz/>, <Callout/>, <Hint/>, <Explain endpoint="..."/>,
 * <WhatMattered/> (lessons with a `report`). Authors never import anything.
 */
export const lessonComponents: MDXComponents = {
  Lab,
  Prediction,
  Check,
  Quiz,
  Callout,
  Hint,
  Explain,
  LoadBalancerSim,
  StatelessDemo,
  ReplicaProbe,
  WhatMattered,
  table: (props) => <div className="table-wrap"><table {...props} /></div>,
};

export const LESSON_TAGS = ['Lab', 'Prediction', 'Check', 'Quiz', 'Callout', 'Hint', 'Explain', 'LoadBalancerSim', 'StatelessDemo', 'ReplicaProbe', 'WhatMattered'] as const;
