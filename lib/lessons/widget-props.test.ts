import type { ComponentProps, JSXElementConstructor } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Callout, Hint } from '@/components/lesson/callout';
import type { Check } from '@/components/lesson/checks';
import type { Explain, Lab } from '@/components/lesson/lab-actions';
import type { Prediction } from '@/components/lesson/prediction';
import type { Quiz } from '@/components/lesson/quiz';
import type { WhatMattered } from '@/components/lesson/what-mattered';
import type { ReplicaProbe } from '@/components/replica/replica-probe';
import type { LoadBalancerSim } from '@/components/sim/load-balancer-sim';
import type { StatelessDemo } from '@/components/sim/stateless-demo';
import type { WIDGET_PROPS } from './widget-props';

/** What the checker accepts for a tag, the component must accept too (checked by tsc; `npm run typecheck`). */
type Valid<T extends keyof typeof WIDGET_PROPS> = z.output<(typeof WIDGET_PROPS)[T]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ComponentProps itself is declared over JSXElementConstructor<any>
type Props<C extends JSXElementConstructor<any>> = Omit<ComponentProps<C>, 'children'>;

describe('widget prop schemas and the components', () => {
  it('agree: every prop set the checker passes type-checks against its component', () => {
    expectTypeOf<Valid<'Lab'>>().toExtend<Props<typeof Lab>>();
    expectTypeOf<Valid<'Prediction'>>().toExtend<Props<typeof Prediction>>();
    expectTypeOf<Valid<'Check'>>().toExtend<Props<typeof Check>>();
    expectTypeOf<Valid<'Quiz'>>().toExtend<Props<typeof Quiz>>();
    expectTypeOf<Valid<'Callout'>>().toExtend<Props<typeof Callout>>();
    expectTypeOf<Valid<'Hint'>>().toExtend<Props<typeof Hint>>();
    expectTypeOf<Valid<'Explain'>>().toExtend<Props<typeof Explain>>();
    expectTypeOf<Valid<'LoadBalancerSim'>>().toExtend<Props<typeof LoadBalancerSim>>();
    expectTypeOf<Valid<'StatelessDemo'>>().toExtend<Props<typeof StatelessDemo>>();
    expectTypeOf<Valid<'ReplicaProbe'>>().toExtend<Props<typeof ReplicaProbe>>();
    expectTypeOf<Valid<'WhatMattered'>>().toExtend<Props<typeof WhatMattered>>();
  });
});
