'use client';

import type { ComponentProps } from 'react';
import { QueryIsland } from '@/components/ui/query-island';
import { Check as CheckWidget } from './checks';
import { Explain as ExplainWidget, Lab as LabWidget } from './lab-actions';
import { Prediction as PredictionWidget } from './prediction';
import { Quiz as QuizWidget } from './quiz';
import { WhatMattered as WhatMatteredWidget } from './what-mattered';

/**
 * The lesson's interactive widgets, each in its own QueryIsland. One chunk, loaded through
 * lesson-islands.tsx after the prose: react-query, the widgets and their calls are not part
 * of the page's first load; the server-rendered HTML shows until they hydrate.
 */
export const Lab = (p: ComponentProps<typeof LabWidget>) => (
  <QueryIsland>
    <LabWidget {...p} />
  </QueryIsland>
);
export const Explain = (p: ComponentProps<typeof ExplainWidget>) => (
  <QueryIsland>
    <ExplainWidget {...p} />
  </QueryIsland>
);
export const Prediction = (p: ComponentProps<typeof PredictionWidget>) => (
  <QueryIsland>
    <PredictionWidget {...p} />
  </QueryIsland>
);
export const Check = (p: ComponentProps<typeof CheckWidget>) => (
  <QueryIsland>
    <CheckWidget {...p} />
  </QueryIsland>
);
export const Quiz = (p: ComponentProps<typeof QuizWidget>) => (
  <QueryIsland>
    <QuizWidget {...p} />
  </QueryIsland>
);
export const WhatMattered = () => (
  <QueryIsland>
    <WhatMatteredWidget />
  </QueryIsland>
);
