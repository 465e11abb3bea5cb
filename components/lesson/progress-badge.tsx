'use client';

import { useSyncExternalStore } from 'react';
import { controlFetch, ProblemError } from '@/lib/client/control-client';
import { courseProgressShape } from '@/lib/client/boot-shapes';
import type { CourseProgress } from '@/lib/learners/schemas';

/**
 * The course map's progress: one request shared by every badge, asked again when the map is shown
 * more than 10 s after the last answer. A small store, not react-query and zod: they were ~40 KB of
 * the home page's first-load JavaScript for one GET (lib/client/boot-shapes.ts checks the answer).
 */
const FRESH_MS = 10_000;
let progress: CourseProgress | null = null;
let answeredAt = -Infinity;
let asking: Promise<void> | null = null;
const listeners = new Set<() => void>();

async function fetchProgress(): Promise<CourseProgress> {
  try {
    return await controlFetch('/api/lab/progress', courseProgressShape);
  } catch (err) {
    // An expired or foreign token is not worth an error on the course map: show no progress.
    if (err instanceof ProblemError && err.status === 401) return { lessons: {} };
    throw err;
  }
}

function ask(): void {
  if (asking || Date.now() - answeredAt < FRESH_MS) return;
  asking = fetchProgress()
    .then(
      (p) => void (progress = p),
      // A failed request shows no badges, as before; the next visit to the map asks again.
      () => {},
    )
    .finally(() => {
      answeredAt = Date.now();
      asking = null;
      for (const l of listeners) l();
    });
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  ask();
  return () => listeners.delete(onChange);
}

/** "2 of 3 checks" on a course card, from one shared request for the whole map. */
export function ProgressBadge({ slug, checks }: { slug: string; checks: number }) {
  // The server has no progress to show: it renders no badge, and so does hydration.
  const data = useSyncExternalStore(
    subscribe,
    () => progress,
    () => null,
  );
  const p = data?.lessons[slug];
  if (!p || checks === 0) return null;
  const done = p.checksPassed >= checks;
  return (
    <span className={`pill ${done ? 'pill--ok' : ''}`} data-testid={`progress-${slug}`}>
      {done ? '✓ ' : ''}
      {Math.min(p.checksPassed, checks)} of {checks} checks
    </span>
  );
}
