'use client';

import { useEffect, useState } from 'react';

/**
 * Follows the room's state in the browser: pushed by the room's event stream as the instructor
 * acts, and polled every 5 s only while the stream is not open (workshop mode off, the node
 * full, the connection dropped and not yet back). Hidden tabs close their stream: a learner
 * with many tabs must not spend the browser's six connections per server on banners. A tab
 * shown again reconnects and catches up from the stream's first event.
 */
const POLL_MS = 5_000;

export function useRoomFeed<T>(opts: {
  events: string;
  poll: string | null;
  parse: (v: unknown) => T | null;
}): T | null {
  const { events, poll, parse } = opts;
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let stop = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = (v: unknown) => {
      const parsed = parse(v);
      if (parsed !== null && !stop) setValue(parsed);
    };
    const ask = async () => {
      if (source?.readyState === EventSource.OPEN || !poll) return;
      try {
        const res = await fetch(poll, { cache: 'no-store' });
        if (res.ok) take(await res.json());
      } catch {
        // offline or restarting: keep what we had and ask again
      }
    };
    const tick = async () => {
      await ask();
      if (!stop && document.visibilityState === 'visible') timer = setTimeout(tick, POLL_MS);
    };
    const open = () => {
      source?.close();
      source = new EventSource(events);
      source.addEventListener('room', (e) => {
        try {
          take(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // a malformed event shows nothing new
        }
      });
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'visible') {
        open();
        void tick();
      } else {
        source?.close();
        source = null;
      }
    };
    open();
    void tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop = true;
      clearTimeout(timer);
      source?.close();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [events, poll, parse]);
  return value;
}
