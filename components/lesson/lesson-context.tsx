'use client';

import { useQuery } from '@tanstack/react-query';
import { useHydrationSafe } from '@/components/ui/hydration-safe';
import { fetchLessonProgress, lessonKey } from './lesson-api';

import { useLessonSlug } from './lesson-slug';
import { useSandboxClaim } from '@/components/lab/sandbox-claim';

// The context itself lives in lesson-slug.tsx (no react-query there, so the page can use it cheaply).
export { LessonProvider, useLessonSlug } from './lesson-slug';

/**
 * The learner's progress in this lesson, shared by all its widgets (one request). It waits
 * for the sandbox claim so the identity cookie exists before the first call. No timer: a
 * run's end event carries it and the run panel puts it here (run-panel.tsx), so a verdict
 * arrives with the result, and saving a prediction or an answer refetches it.
 */
export function useLessonProgress() {
  const slug = useLessonSlug();
  const sandbox = useSandboxClaim();
  const query = useQuery({
    queryKey: lessonKey(slug),
    queryFn: () => fetchLessonProgress(slug),
    enabled: sandbox.isSuccess,
    // Coming back to the tab (a run finished elsewhere) refreshes it, and says where the learner is.
    refetchOnWindowFocus: true,
  });
  return useHydrationSafe(query);
}
