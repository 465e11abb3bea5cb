'use client';

import { useEffect, useState } from 'react';

/**
 * Follows the room's state in the browser: asked once at first, then pushed by the room's event
 * stream as the instructor acts, and polled every 5 s only while the stream is not open (the
 * node full, the connection dropped and not yet back). Hidden tabs close their stream: a
 * learner with many tabs must not spend the browser's six connections per server on banners.
 * A tab shown again reconnects and catches up from the stream's first event. When the first
 * answer says there is no room to follow (`follows` false: workshop mode is off), it stops.
 */
const POLL_MS = 5_000;

export type RoomFeed<T> = {
  events: string;
  poll: string;
  parse: (v: unknown) => T | null;
  follows?: (first: unknown) => boolean;
};

export function useRoomFeed<T>({ events, poll, parse, follows }: RoomFeed<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let stop = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = (v: unknown) => {
      const parsed = parse(v);
      if (parsed !== null && !stop) setValue(parsed);
    };
    const ask = async (): Promise<unknown> => {
      try {
        const res = await fetch(poll, { cache: 'no-store' });
        const body: unknown = res.ok ? await res.json() : undefined;
        if (body !== undefined) take(body);
        return body;
      } catch {
        return undefined; // offline or restarting: keep what we had and ask again
      }
    };
    const tick = async () => {
      if (source?.readyState !== EventSource.OPEN) await ask();
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
        timer = setTimeout(tick, POLL_MS);
      } else {
        source?.close();
        source = null;
      }
    };
    void (async () => {
      const first = await ask();
      if (stop || (first !== undefined && follows && !follows(first))) return;
      open();
      timer = setTimeout(tick, POLL_MS);
      document.addEventListener('visibilitychange', onVisibility);
    })();
    return () => {
      stop = true;
      clearTimeout(timer);
      source?.close();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [events, poll, parse, follows]);
  return value;
}
