'use client';

import type { Overview } from './workshop-api';

function ago(iso: string | null): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

export function LearnerTable({
  learners,
  lessons,
  showNode,
  projectedRunId,
  onProject,
  onReset,
  onResetAll,
}: {
  learners: Overview['learners'];
  /** Cluster mode: say which node holds each learner's sandbox. */
  showNode: boolean;
  lessons: { slug: string; title: string }[];
  /** The run on the room's projector, if any. */
  projectedRunId: string | null;
  onProject: (runId: string) => void;
  onReset: (learnerId: string) => void;
  onResetAll: () => void;
}) {
  const title = (slug: string | null) => lessons.find((l) => l.slug === slug)?.title ?? '–';
  return (
    <section className="panel" aria-labelledby="dash-learners">
      <div className="panel__header">
        <h2 className="panel__title" id="dash-learners">
          Learners ({learners.length})
        </h2>
        <div className="dash__actions">
          {/* A file download from an API route, not a page: a plain link, so the browser saves it. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- an API route, not a page */}
          <a className="btn" href="/api/workshop/export">
            Export progress (CSV, anonymised)
          </a>
          <button type="button" className="btn" onClick={onResetAll}>
            Reset all sandboxes
          </button>
        </div>
      </div>
      <div className="panel__body" style={{ overflowX: 'auto' }}>
        <table className="dash-table" data-testid="learner-table">
          <thead>
            <tr>
              <th>Nickname</th>
              <th>Lesson</th>
              <th>Checks</th>
              <th className="dash-col--minor">Predictions</th>
              <th className="dash-col--minor">Quiz</th>
              {showNode && <th>Node</th>}
              <th>Run</th>
              <th>Seen</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.learnerId} data-testid={`learner-${l.nickname}`}>
                <td>{l.nickname}</td>
                <td>{title(l.currentLesson)}</td>
                <td>{l.checksPassed}</td>
                <td className="dash-col--minor">{l.predictions}</td>
                <td className="dash-col--minor">
                  {l.quizCorrect}/{l.quizAnswered}
                </td>
                {showNode && <td data-testid="learner-node">{l.node ?? '–'}</td>}
                <td>
                  {l.run ? (
                    <div className="dash-run">
                      <a href={`/workshop/projector/${l.run.runId}`} className="tabular" data-testid="learner-run">
                        {l.run.rate} req/s, {l.run.seconds} s
                        {l.run.lastP95 !== null ? `, p95 ${l.run.lastP95.toFixed(0)} ms` : ''}
                      </a>
                      {l.run.runId === projectedRunId ? (
                        <span className="pill pill--ok" data-testid="on-projector">
                          On projector
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() => onProject(l.run!.runId)}
                          aria-label={`Show ${l.nickname}'s run on the projector`}
                          data-testid="show-on-projector"
                        >
                          Show on projector
                        </button>
                      )}
                    </div>
                  ) : (
                    '–'
                  )}
                </td>
                <td>{ago(l.lastSeenAt)}</td>
                <td>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => onReset(l.learnerId)}
                    aria-label={`Reset ${l.nickname}'s sandbox`}
                  >
                    Reset sandbox
                  </button>
                </td>
              </tr>
            ))}
            {learners.length === 0 && (
              <tr>
                <td colSpan={showNode ? 9 : 8} className="muted">
                  Nobody has joined yet. Share the code above.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
