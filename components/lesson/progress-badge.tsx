'use client';

import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { controlFetch, ProblemError } from '@/lib/client/control-client';

const progressSchema = z.object({
  lessons: z.record(
    z.string(),
    z.object({ checksPassed: z.number(), quizAnswered: z.number(), predictions: z.number() }),
  ),
});

async function fetchProgress() {
  try {
    return await controlFetch('/api/lab/progress', progressSchema);
  } catch (err) {
    // An expired or foreign token is not worth an error on the course map: show no progress.
    if (err instanceof ProblemError && err.status === 401) return { lessons: {} };
    throw err;
  }
}

/** "2 of 3 checks" on a course card, from one shared request for the whole map. */
export function ProgressBadge({ slug, checks }: { slug: string; checks: number }) {
  const progress = useQuery({ queryKey: ['progress'], queryFn: fetchProgress, staleTime: 10_000 });
  const p = progress.data?.lessons[slug];
  if (!p || checks === 0) return null;
  const done = p.checksPassed >= checks;
  return (
    <span className={`pill ${done ? 'pill--ok' : ''}`} data-testid={`progress-${slug}`}>
      {done ? '✓ ' : ''}
      {Math.min(p.checksPassed, checks)} of {checks} checks
    </span>
  );
}
