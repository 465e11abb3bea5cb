'use client';

import type { Overview } from './workshop-api';

/**
 * What the room's screen shows: the run put on it from the learners' table (any node's), a
 * link to open the projector view there, and a way to clear it.
 */
export function ProjectorPanel({
  projector,
  learners,
  showNode,
  onClear,
}: {
  projector: Overview['workshop']['projector'];
  /** Cluster mode: say which node holds the run. */
  showNode: boolean;
  learners: Overview['learners'];
  onClear: () => void;
}) {
  const owner = projector ? learners.find((l) => l.run?.runId === projector.runId) : undefined;
  return (
    <section className="panel" aria-labelledby="dash-projector">
      <div className="panel__header">
        <h2 className="panel__title" id="dash-projector">
          Projector
        </h2>
        <div className="dash__actions">
          <a className="btn" href="/workshop/projector" target="_blank" rel="noopener">
            Open projector view
          </a>
        </div>
      </div>
      <div className="panel__body dash__bar">
        <p className="muted" style={{ margin: 0 }} data-testid="projector-choice">
          {!projector
            ? 'Nothing on the projector. Choose “Show on projector” beside a live run below.'
            : owner
              ? `Showing ${owner.nickname}'s run${showNode && projector.nodeId ? ` (on ${projector.nodeId})` : ''}.`
              : 'The run on the projector has finished; its result stays on the screen.'}
        </p>
        {projector && (
          <button type="button" className="btn" onClick={onClear}>
            Clear projector
          </button>
        )}
      </div>
    </section>
  );
}
