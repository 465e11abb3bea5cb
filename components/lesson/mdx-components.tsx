import type { MDXComponents } from 'mdx/types';
import { Callout, Hint } from './callout';
import { Check } from './checks';
import { Explain, Lab } from './lab-actions';
import { Prediction } from './prediction';
import { Quiz } from './quiz';
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
  WhatMattered,
  table: (props) => <div className="table-wrap"><table {...props} /></div>,
};

export const LESSON_TAGS = ['Lab', 'Prediction', 'Check', 'Quiz', 'Callout', 'Hint', 'Explain', 'WhatMattered'] as const;
