'use client';

import { useRoomFeed } from '@/components/ui/room-feed';
import { Projector } from './projector';

type Choice = { runId: string | null; learnerId?: string };

/** The projector's choice from the room stream, or the poll answer (both carry `projector`). */
function asChoice(v: unknown): Choice | null {
  if (!v || typeof v !== 'object' || !('projector' in v)) return null;
  const p = (v as { projector: unknown }).projector as { runId?: unknown; learnerId?: unknown } | null;
  if (p === null) return { runId: null };
  if (typeof p?.runId !== 'string') return null;
  return typeof p.learnerId === 'string' ? { runId: p.runId, learnerId: p.learnerId } : { runId: p.runId };
}

const FEED = { events: '/api/workshop/room/events', poll: '/api/workshop/projector', parse: asChoice };

/**
 * The room's screen: follows the run the instructor puts on the projector from the dashboard,
 * whichever node holds it (the run's stream comes through this node), as soon as it is chosen.
 */
export function FollowProjector() {
  const choice = useRoomFeed(FEED);
  if (!choice) return <div className="skeleton" style={{ height: 300 }} aria-label="Asking which run to show" />;
  if (!choice.runId)
    return (
      <div className="projector projector--idle" data-testid="projector-idle">
        <h1>Nothing on the projector yet</h1>
        <p className="muted">
          On the workshop dashboard, choose <strong>Show on projector</strong> beside a learner&rsquo;s live run. This
          screen follows it.
        </p>
      </div>
    );
  return <Projector key={choice.runId} runId={choice.runId} learnerId={choice.learnerId} />;
}
