'use client';

import { useLessonProgress } from './lesson-context';
import { ProblemNotice } from '@/components/ui/problem-notice';

/**
 * "Which changes mattered": the learner's everything-off run against their best one, and
 * each step between consecutive runs. Computed on the server (lib/lessons/what-mattered.ts)
 * from the same runs as the checks; this only lays it out.
 */
export function WhatMattered() {
  const progress = useLessonProgress();
  if (progress.isPending)
    return <div className="skeleton" style={{ height: 80 }} role="status" aria-label="Loading your comparison" />;
  if (progress.isError) return <ProblemNotice error={progress.error} action="Could not load your runs" />;
  const r = progress.data.report;
  if (!r) return null;
  if (r.missing || !r.baseline || !r.best) {
    return (
      <p className="notice" data-testid="what-mattered">
        {r.missing ?? 'Nothing to compare yet.'}
      </p>
    );
  }
  const baselineName = r.baselineIsOff ? 'Everything off' : 'Your first run';
  const bestName = r.bestWhy === 'passed' ? 'Best passing run' : 'Lowest p95 so far';
  return (
    <section className="what-mattered" data-testid="what-mattered" aria-label="Which changes mattered">
      <p>
        {baselineName} (run <code>{r.baseline.id}</code>) against your {bestName.toLowerCase()} (run{' '}
        <code>{r.best.id}</code>), measured on your own sandbox with the same spike.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Measured</th>
              <th scope="col">{baselineName}</th>
              <th scope="col">{bestName}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {r.deltas.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{d.before}</td>
                <td>{d.after}</td>
                <td>{d.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="what-mattered__heading">What you changed</h3>
      {r.changes.length === 0 ? (
        <p>No knob differs between the two runs.</p>
      ) : (
        <ul data-testid="what-mattered-changes">
          {r.changes.map((c) => (
            <li key={c.group}>
              <strong>{c.label}</strong>: {c.from} → {c.to}
            </li>
          ))}
        </ul>
      )}
      <h3 className="what-mattered__heading">What each change did</h3>
      {r.mattered.length === 0 ? (
        <p>
          Every change was made together with another, so no single one can be credited. Change one thing, run, and
          repeat to find out.
        </p>
      ) : (
        <ul data-testid="what-mattered-attribution">
          {r.mattered.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {r.steps.length > 0 && (
        <details>
          <summary>Every step between your runs ({r.steps.length})</summary>
          <ol>
            {r.steps.map((s) => (
              <li key={`${s.from.id}-${s.to.id}`}>{s.text}</li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
