'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useRoomFeed } from './room-feed';
import type { Broadcast } from '@/lib/workshop/state-schema';

const DISMISSED = 'scale-lab-dismissed-broadcast';

type BannerState = { broadcast: Broadcast | null; paused: boolean };

/**
 * Checked by hand, not with zod: this banner is on every page, and zod and react-query would
 * be ~40 KB of JavaScript on pages that otherwise need neither. Anything malformed shows nothing.
 */
function asBanner(v: unknown): BannerState | null {
  if (!v || typeof v !== 'object') return null;
  const { broadcast: b, paused } = v as { broadcast?: Partial<Broadcast> | null; paused?: unknown };
  const state = { broadcast: null, paused: paused === true };
  if (!b || typeof b.id !== 'string' || typeof b.message !== 'string' || typeof b.at !== 'string') return state;
  if (b.lesson !== null && typeof b.lesson !== 'string') return state;
  return { ...state, broadcast: { id: b.id, lesson: b.lesson, message: b.message, at: b.at } };
}

const FEED = {
  events: '/api/lab/room/events',
  poll: '/api/lab/broadcast',
  parse: asBanner,
  // Without workshop mode there is no room: no stream, no polling.
  follows: (first: unknown) => (first as { workshop?: unknown } | null)?.workshop !== false,
  // The stream needs a learner token or the instructor: a visitor polls until they have one.
  streams: (answer: unknown) => (answer as { stream?: unknown } | null)?.stream === true,
};

/** The instructor's "go to lesson N" and a paused room, on every page as the instructor acts. */
export function BroadcastBanner({ titles }: { titles: Record<string, string> }) {
  const room = useRoomFeed(FEED);
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
    setDismissed(localStorage.getItem(DISMISSED));
  }, []);
  const b = room?.broadcast && room.broadcast.id !== dismissed ? room.broadcast : null;
  return (
    <>
      {room?.paused && (
        <div className="broadcast" role="status" data-testid="room-paused">
          <div className="broadcast__inner">
            <strong>Load is paused:</strong> your instructor paused every run in the room. You can start one again when
            they resume.
          </div>
        </div>
      )}
      {b && (
        <div className="broadcast" role="status" data-testid="broadcast-banner">
          <div className="broadcast__inner">
            {/* One span for the sentence: the bar is a flex row, and its gap must not split "Indexes" from its full stop. */}
            <span>
              <strong>From your instructor:</strong>
              {b.lesson && (
                <>
                  {' '}
                  please go to{' '}
                  <Link href={`/lessons/${b.lesson}`} prefetch={false}>
                    {titles[b.lesson] ?? b.lesson}
                  </Link>
                  .
                </>
              )}
              {b.message && ` ${b.message}`}
            </span>
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => (localStorage.setItem(DISMISSED, b.id), setDismissed(b.id))}
            >
              Dismiss
            </button>
          </div>
        </div>
      )}
    </>
  );
}
