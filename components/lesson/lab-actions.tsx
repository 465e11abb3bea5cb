'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import dynamic from 'next/dynamic';
import { openLab } from '@/components/lab/lab-dock';
import type { ExplainEndpoint } from '@/lib/knobs/endpoints';
import { applySolution, resetLesson } from './lesson-api';
import { useHasSolution, useLessonSlug } from './lesson-slug';
import { useSandboxClaim } from '@/components/lab/sandbox-claim';

// The plan view arrives with the sandbox (it waits for it anyway), not with the lesson text.
const ExplainView = dynamic(() => import('@/components/lab/explain-view').then((m) => m.ExplainView), {
  ssr: false,
  loading: () => <div className="skeleton" style={{ height: 80 }} role="status" aria-label="Loading the query plan" />,
});

export { LessonSolutionProvider } from './lesson-slug';

/**
 * `<Lab/>` in a lesson: points at the lab panel, and offers "reset lesson" and, where the lesson has one, "show me".
 * `solution={false}` leaves "show me" out of this one, for a section the solution does not answer.
 */
export function Lab({ children, solution: offerSolution = true }: { children?: ReactNode; solution?: boolean }) {
  const slug = useLessonSlug();
  const solution = useHasSolution() && offerSolution;
  const queryClient = useQueryClient();
  const refresh = (keys: string[]) => () =>
    queryClient.invalidateQueries({ predicate: (q) => keys.includes(String(q.queryKey[0])) });
  // A reset is a fresh start: the lesson-start line or banner is asked again (and now says nothing).
  const reset = useMutation({
    mutationFn: () => resetLesson(slug),
    onSuccess: refresh(['settings', 'explain', 'lesson', 'lesson-visit']),
  });
  const show = useMutation({
    mutationFn: () => applySolution(slug),
    onSuccess: refresh(['settings', 'explain', 'lesson']),
  });
  return (
    <aside className="widget widget--lab" aria-label="Lab for this lesson">
      <p className="widget__eyebrow">In your lab</p>
      <div>{children ?? <p>The lab panel beside this text is set up for this lesson.</p>}</div>
      <p style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', margin: 0 }}>
        {/* Only on narrow screens (CSS), where the lab is a drawer rather than the column beside this text. */}
        <button type="button" className="btn btn--primary lab-open-inline" onClick={openLab}>
          Open the lab
        </button>
        <button
          type="button"
          className="btn"
          disabled={reset.isPending}
          onClick={() =>
            window.confirm(
              "Start this lesson over? Your sandbox gets a fresh copy of the data and the lesson's starting knobs.",
            ) && (show.reset(), reset.mutate())
          }
        >
          {reset.isPending ? 'Resetting…' : 'Reset this lesson'}
        </button>
        {solution && (
          <button
            type="button"
            className="btn"
            disabled={show.isPending}
            onClick={() => (reset.reset(), show.mutate())}
          >
            {show.isPending ? 'Applying…' : 'Show me (apply the solution)'}
          </button>
        )}
        {/* One status at a time: the latest action's (a reset's line and a solution's ran together before). */}
        <span className="muted" role="status" style={{ fontSize: '0.85rem', alignSelf: 'center' }}>
          {reset.isSuccess && `Fresh start: sandbox reset in ${reset.data.resetMs.toFixed(0)} ms.`}
          {show.isSuccess && 'Solution applied: look at the knobs and run again.'}
          {(reset.isError || show.isError) && `That did not work: ${(reset.error ?? show.error)?.message}`}
        </span>
      </p>
    </aside>
  );
}

/** `<Explain endpoint="user-orders"/>`: the live query plan inline in the prose. */
export function Explain({ endpoint }: { endpoint: ExplainEndpoint }) {
  const sandbox = useSandboxClaim();
  if (!sandbox.isSuccess)
    return <div className="skeleton" style={{ height: 80 }} role="status" aria-label="Waiting for your sandbox" />;
  return (
    <div className="widget">
      <ExplainView initial={endpoint} />
    </div>
  );
}
