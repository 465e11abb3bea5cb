'use client';

import { useLessonProgress } from './lesson-context';
import { ProblemNotice } from '@/components/ui/problem-notice';

/** The lesson's checks, computed on the server from the learner's own runs. */
export function Check({ id }: { id?: string }) {
  const progress = useLessonProgress();
  if (progress.isPending)
    return <div className="skeleton" style={{ height: 56 }} role="status" aria-label="Loading checks" />;
  if (progress.isError) return <ProblemNotice error={progress.error} action="Could not load your checks" />;
  const checks = id ? progress.data.checks.filter((c) => c.id === id) : progress.data.checks;
  return (
    <ul className="checks" aria-label="Checks" data-testid="lesson-checks">
      {checks.map((c) => (
        <li
          key={c.id}
          className={`check ${c.passed ? 'check--passed' : ''}`}
          data-testid={`check-${c.id}`}
          data-passed={c.passed}
        >
          <span className="check__mark" aria-hidden="true">
            {c.passed ? '✓' : '○'}
          </span>
          <span>
            <span className="check__title">{c.title}</span>
            <span className="visually-hidden">{c.passed ? ' (passed)' : ' (not yet)'}</span>
            <span className="check__detail">{c.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
