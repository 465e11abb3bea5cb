'use client';

import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { patchSettings } from '@/components/lab/api-client';
import type { SettingsPatch, SettingsResponse } from '@/lib/knobs/schema';
import type { StartDifference, VisitResult } from '@/lib/lessons/start-state';
import { applyLessonStart, visitLesson } from './lesson-api';
import { ProblemNotice } from '@/components/ui/problem-notice';

export const visitKey = (slug: string) => ['lesson-visit', slug] as const;

/**
 * Tells the server the lesson page opened, once per page load: on a first visit it applies the
 * lesson's start. The lab waits for it, so nothing the learner (or a test) does can race it.
 */
export function useLessonVisit(slug: string | undefined, enabled: boolean) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: visitKey(slug ?? ''),
    queryFn: async () => {
      const result = await visitLesson(slug!);
      if (result.state === 'applied' && result.changes.length > 0) {
        await queryClient.invalidateQueries({
          predicate: (q) => ['settings', 'explain'].includes(String(q.queryKey[0])),
        });
      }
      return result;
    },
    enabled: enabled && slug !== undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: 4,
    retryDelay: 1500,
  });
}

// "Keep mine" holds for this browser tab and these differences; a new difference asks again.
const keptKey = (slug: string) => `scale-lab:kept-start:${slug}`;
const signature = (d: StartDifference[]) => d.map((x) => x.text).join('\n');

function wasKept(slug: string, d: StartDifference[]): boolean {
  try {
    return sessionStorage.getItem(keptKey(slug)) === signature(d);
  } catch {
    return false;
  }
}

/** The line (first visit) or banner (sandbox differs) above the lab's tabs. */
export function LessonStartNotice({ slug, visit }: { slug: string; visit: UseQueryResult<VisitResult> }) {
  const queryClient = useQueryClient();
  const [kept, setKept] = useState(false);
  const show = (data: SettingsResponse) => {
    queryClient.setQueryData(['settings'], data);
    void queryClient.invalidateQueries({ predicate: (q) => ['explain', 'lesson'].includes(String(q.queryKey[0])) });
  };
  const undo = useMutation({ mutationFn: (patch: SettingsPatch) => patchSettings(patch), onSuccess: show });
  const start = useMutation({ mutationFn: () => applyLessonStart(slug), onSuccess: show });

  if (visit.isError) {
    return (
      <ProblemNotice
        error={visit.error}
        action="Could not set up this lesson's start"
        className="lesson-start"
        testId="lesson-start-error"
      >
        {' '}
        <button type="button" className="btn btn--small" onClick={() => void visit.refetch()}>
          Try again
        </button>
      </ProblemNotice>
    );
  }
  const v = visit.data;
  if (!v) return null;
  if (start.isSuccess) {
    return (
      <p className="notice notice--ok lesson-start" role="status" data-testid="lesson-start-applied">
        Lesson start applied: your knobs are as this lesson begins. Your data is unchanged.
      </p>
    );
  }
  if (start.isError)
    return <ProblemNotice error={start.error} action="Could not apply the lesson start" className="lesson-start" />;

  if (v.state === 'applied') {
    if (undo.isSuccess) {
      return (
        <p className="notice lesson-start" role="status" data-testid="lesson-start-undone">
          Undone: your knobs are back as you had them.
        </p>
      );
    }
    if (v.changes.length === 0) {
      return (
        <p className="muted lesson-start lesson-start--quiet" role="status" data-testid="lesson-start-applied">
          Your lab already matches this lesson&apos;s start.
        </p>
      );
    }
    return (
      <p className="notice lesson-start" role="status" data-testid="lesson-start-applied">
        <span>
          <strong>Set to this lesson&apos;s start:</strong> {v.changes.map((c) => `${c.label} ${c.start}`).join('; ')}.
        </span>{' '}
        <button type="button" className="btn btn--small" disabled={undo.isPending} onClick={() => undo.mutate(v.undo)}>
          {undo.isPending ? 'Undoing…' : 'Undo'}
        </button>
        {undo.isError && <span className="notice--bad"> Undo failed: {undo.error.message}</span>}
      </p>
    );
  }
  if (v.state !== 'differs' || kept || wasKept(slug, v.differences)) return null;
  const keep = () => {
    try {
      sessionStorage.setItem(keptKey(slug), signature(v.differences));
    } catch {
      // Private mode without storage: it is hidden for this page view only.
    }
    setKept(true);
  };
  return (
    <section
      className="notice notice--warn lesson-start lesson-start--banner"
      aria-labelledby="lesson-start-title"
      data-testid="lesson-start-banner"
    >
      <p className="lesson-start__title" id="lesson-start-title">
        <strong>Your lab is not at this lesson&apos;s start.</strong> Runs here measure these knobs too:
      </p>
      <ul className="lesson-start__list">
        {v.differences.map((d) => (
          <li key={d.key}>{d.text}.</li>
        ))}
      </ul>
      <p className="lesson-start__actions">
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={start.isPending}
          onClick={() => start.mutate()}
        >
          {start.isPending ? 'Applying…' : 'Apply lesson start'}
        </button>
        <button type="button" className="btn btn--small" disabled={start.isPending} onClick={keep}>
          Keep mine
        </button>
        <span className="muted">Applying changes knobs only; your data stays.</span>
      </p>
    </section>
  );
}
