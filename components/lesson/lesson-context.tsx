'use client';

import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { fetchLessonProgress, lessonKey } from './lesson-api';

const LessonSlug = createContext<string | null>(null);

/** Lets every widget in a lesson's MDX know which lesson it is in, without props from the author. */
export function LessonProvider({ slug, children }: { slug: string; children: ReactNode }) {
  return <LessonSlug.Provider value={slug}>{children}</LessonSlug.Provider>;
}

export function useLessonSlug(): string {
  const slug = useContext(LessonSlug);
  if (!slug) throw new Error('lesson widgets must be inside <LessonProvider>');
  return slug;
}

/**
 * The learner's progress in this lesson, shared by all its widgets (one request). It waits
 * for the sandbox claim so the identity cookie exists before the first call. No timer: the
 * run panel refetches it the moment a run ends (run-panel.tsx), so a verdict arrives with
 * the result, and saving a prediction or an answer refetches it too.
 */
export function useLessonProgress() {
  const slug = useLessonSlug();
  const sandbox = useQuery({ queryKey: ['sandbox'], enabled: false });
  return useQuery({
    queryKey: lessonKey(slug),
    queryFn: () => fetchLessonProgress(slug),
    enabled: sandbox.isSuccess,
    // Coming back to the tab (a run finished elsewhere) refreshes it, and says where the learner is.
    refetchOnWindowFocus: true,
  });
}
