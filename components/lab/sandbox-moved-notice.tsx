'use client';

import { useEffect, useState } from 'react';
import type { SandboxMove } from '@/lib/learners/schemas';

/** Which move this browser has already told the learner about (by its time), so it is told once. */
export const MOVED_SEEN_KEY = 'scale-lab:sandbox-moved-seen';

/**
 * Cluster mode: the learner's node went away and another one took their sandbox over, from a
 * fresh copy of the template. Said once per move, in one sentence; it stays until the page is
 * left or the learner closes it.
 */
export function SandboxMovedNotice({ moved }: { moved: SandboxMove | null | undefined }) {
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (!moved) return;
    let seen: string | null = null;
    try {
      seen = window.localStorage.getItem(MOVED_SEEN_KEY);
      window.localStorage.setItem(MOVED_SEEN_KEY, moved.at);
    } catch {
      // Storage refused (private mode): tell them on this page anyway.
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- browser storage decides, known only after hydration
    if (seen !== moved.at) setShow(true);
  }, [moved]);
  if (!show) return null;
  return (
    <p className="notice lesson-start" role="status" data-testid="sandbox-moved">
      Your lab moved to a new machine, so your sandbox data was reset to a fresh copy; your progress and settings are
      kept.{' '}
      <button type="button" className="btn btn--small" onClick={() => setShow(false)}>
        OK
      </button>
    </p>
  );
}
