'use client';

import { createContext, useContext, type ReactNode } from 'react';

/**
 * The lesson page's two facts for its widgets, in a module with no data fetching: the page
 * wraps its prose in these, and that must not pull react-query or zod into the first load.
 */
const LessonSlug = createContext<string | null>(null);
const HasSolution = createContext(false);

/** Lets every widget in a lesson's MDX know which lesson it is in, without props from the author. */
export function LessonProvider({ slug, children }: { slug: string; children: ReactNode }) {
  return <LessonSlug.Provider value={slug}>{children}</LessonSlug.Provider>;
}

export function useLessonSlug(): string {
  const slug = useContext(LessonSlug);
  if (!slug) throw new Error('lesson widgets must be inside <LessonProvider>');
  return slug;
}

/** Whether this lesson's frontmatter has a `solution`: the page says so, so "Show me" appears only where it works. */
export function LessonSolutionProvider({ has, children }: { has: boolean; children: ReactNode }) {
  return <HasSolution.Provider value={has}>{children}</HasSolution.Provider>;
}

export const useHasSolution = (): boolean => useContext(HasSolution);
