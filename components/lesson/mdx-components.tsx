import type { MDXComponents } from 'mdx/types';
import { Callout, Hint } from './callout';
import { Check } from './checks';
import { Explain, Lab } from './lab-actions';
import { Prediction } from './prediction';
import { Quiz } from './quiz';
import { LoadBalancerSim, ReplicaProbe, StatelessDemo } from './lazy-widgets';
import { WhatMattered } from './what-mattered';
import { island } from '@/components/ui/island';

/**
 * Every tag a lesson author may use, in one registry: <Lab/>, <Prediction/>, <Check/>,
 * <Quiz/>, <Callout/>, <Hint/>, <Explain endpoint="..."/>,
 * <WhatMattered/> (lessons with a `report`). Authors never import anything.
 * Interactive widgets are islands (each in its own QueryIsland): the prose between them is
 * server HTML that hydrates nothing.
 */
export const lessonComponents: MDXComponents = {
  Lab: island(Lab),
  Prediction: island(Prediction),
  Check: island(Check),
  Quiz: island(Quiz),
  Callout,
  Hint,
  Explain: island(Explain),
  LoadBalancerSim: island(LoadBalancerSim),
  StatelessDemo: island(StatelessDemo),
  ReplicaProbe: island(ReplicaProbe),
  WhatMattered: island(WhatMattered),
  table: (props) => <div className="table-wrap"><table {...props} /></div>,
};

export const LESSON_TAGS = ['Lab', 'Prediction', 'Check', 'Quiz', 'Callout', 'Hint', 'Explain', 'LoadBalancerSim', 'StatelessDemo', 'ReplicaProbe', 'WhatMattered'] as const;
