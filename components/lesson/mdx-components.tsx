import { Activity } from 'react';
import type { MDXComponents } from 'mdx/types';
import { Callout, Hint } from './callout';
import type { CheckTitle } from './checks';
import {
  Check,
  Explain,
  Lab,
  LoadBalancerSim,
  Prediction,
  Quiz,
  ReplicaProbe,
  StatelessDemo,
  WhatMattered,
} from './lesson-islands';

/**
 * Every tag a lesson author may use, in one registry: <Lab/>, <Prediction/>, <Check/>,
 * <Quiz/>, <Callout/>, <Hint/>, <Explain endpoint="..."/>,
 * <WhatMattered/> (lessons with a `report`). Authors never import anything.
 * Interactive widgets are lazy islands (lesson-islands.tsx); Callout and Hint are plain HTML.
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
  // A lesson's `##` parts (lib/lessons/render-sections.ts), each its own Activity boundary: React
  // hydrates the page's shell first and each part after, in small interruptible steps, instead of
  // the whole lesson in one task; the server HTML shows meanwhile, and a tap inside a part not yet
  // hydrated hydrates that part first. Activity, not Suspense: once a page passes 12,800 bytes of
  // HTML, React's streaming renderer moves a finished Suspense boundary over 500 bytes out of place,
  // into a hidden <div> at the end of the page that a script moves back. Every lesson lost parts
  // that way without JavaScript (e2e/no-script.spec.ts), and the move was one more layout after
  // the first paint. An Activity boundary is always written in place.
  section: (props) => (
    <Activity>
      <section {...props} />
    </Activity>
  ),
  table: (props) => (
    <div className="table-wrap">
      <table {...props} />
    </div>
  ),
};

/**
 * The registry for one lesson: its <Check/> tags also get the titles of the checks they show
 * (from the lesson's frontmatter), so the page renders them before the learner's verdicts load.
 */
export function lessonComponentsFor(checks: readonly CheckTitle[]): MDXComponents {
  const titles = checks.map(({ id, title }) => ({ id, title }));
  return {
    ...lessonComponents,
    Check: ({ id }: { id?: string }) => <Check id={id} titles={id ? titles.filter((c) => c.id === id) : titles} />,
  };
}

export const LESSON_TAGS = [
  'Lab',
  'Prediction',
  'Check',
  'Quiz',
  'Callout',
  'Hint',
  'Explain',
  'LoadBalancerSim',
  'StatelessDemo',
  'ReplicaProbe',
  'WhatMattered',
] as const;
