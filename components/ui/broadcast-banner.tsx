'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { Broadcast } from '@/lib/workshop/state-schema';

const DISMISSED = 'scale-lab-dismissed-broadcast';
const EVERY_MS = 5_000;

/**
 * Checked by hand, not with zod: this banner is on every page, and zod and react-query would
 * be ~40 KB of JavaScript on pages that otherwise need neither. Anything malformed shows nothing.
 */
function asBroadcast(v: unknown): Broadcast | null {
  const b = (v as { broadcast?: unknown } | null)?.broadcast as Partial<Broadcast> | null | undefined;
  if (!b || typeof b.id !== 'string' || typeof b.message !== 'string' || typeof b.at !== 'string') return null;
  if (b.lesson !== null && typeof b.lesson !== 'string') return null;
  return { id: b.id, lesson: b.lesson, message: b.message, at: b.at };
}

/** The instructor's "go to lesson N", on every page within a few seconds. Dismissible. */
export function BroadcastBanner({ titles }: { titles: Record<string, string> }) {
  const [b, setB] = useState<Broadcast | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
    setDismissed(localStorage.getItem(DISMISSED));
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch('/api/lab/broadcast', { cache: 'no-store' });
        if (res.ok && !stop) setB(asBroadcast(await res.json()));
      } catch {
        // offline or restarting: keep what we had and ask again
      }
      // A hidden tab does not poll; it catches up when shown (visibilitychange below).
      if (!stop && document.visibilityState === 'visible') timer = setTimeout(poll, EVERY_MS);
    };
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      void poll();
    };
    void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stop = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  if (!b || b.id === dismissed) return null;
  return (
    <div className="broadcast" role="status" data-testid="broadcast-banner">
      <div className="broadcast__inner">
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
        {b.message && <span> {b.message}</span>}
        <button
          type="button"
          className="btn btn--ghost"
          onClick={() => (localStorage.setItem(DISMISSED, b.id), setDismissed(b.id))}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
