'use client';

import { useLessonProgress } from './lesson-context';
import { ProblemNotice } from '@/components/ui/problem-notice';

export type CheckTitle = { id: string; title: string };

/**
 * The lesson's checks, computed on the server from the learner's own runs. `titles` (the page
 * passes them from the lesson's frontmatter) are shown while the learner's verdicts load, and in
 * the server HTML, so a reader sees what a check asks for before (or without) JavaScript. It also
 * moves the text below less when the verdicts arrive: at 390 px a check waits at 96-122 px
 * instead of a 56 px bar, and loads at 118-302 px (its verdict takes one to four lines).
 */
export function Check({ id, titles = [] }: { id?: string; titles?: CheckTitle[] }) {
  const progress = useLessonProgress();
  if (progress.isPending) {
    if (titles.length === 0)
      return <div className="skeleton" style={{ height: 56 }} role="status" aria-label="Loading checks" />;
    return (
      <div role="status" aria-label="Loading checks" data-testid="lesson-checks-pending">
        <ul className="checks">
          {titles.map((c) => (
            <li key={c.id} className="check">
              <span className="check__mark" aria-hidden="true">
                …
              </span>
              <span>
                <span className="check__title">{c.title}</span>
                <span className="check__detail">Checking your runs…</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    );
  }
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
