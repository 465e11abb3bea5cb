'use client';

import { useEffect, useState } from 'react';

/**
 * Follows the room's state in the browser: asked once at first, then pushed by the room's event
 * stream as the instructor acts, and polled every 5 s only while the stream is not open (the
 * node full, the connection dropped and not yet back). Hidden tabs close their stream: a
 * learner with many tabs must not spend the browser's six connections per server on banners.
 * A tab shown again reconnects and catches up from the stream's first event. When the first
 * answer says there is no room to follow (`follows` false: workshop mode is off), it stops. A
 * stream the server refuses (too many streams, the node full) leaves the poll on. `streams` reads
 * from an answer whether this page may open the stream yet (a visitor who has not claimed a
 * sandbox may not): until it may, the page polls, and opens the stream at the first answer that
 * says it may, so no refused stream shows as an error in the browser's console.
 */
const POLL_MS = 5_000;

export type RoomFeed<T> = {
  events: string;
  poll: string;
  parse: (v: unknown) => T | null;
  follows?: (first: unknown) => boolean;
  streams?: (answer: unknown) => boolean;
};

export function useRoomFeed<T>({ events, poll, parse, follows, streams }: RoomFeed<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let stop = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Whether the last answer let this page open the stream (always, without `streams`).
    let allowed = !streams;
    const take = (v: unknown) => {
      const parsed = parse(v);
      if (parsed !== null && !stop) setValue(parsed);
    };
    const ask = async (): Promise<unknown> => {
      try {
        const res = await fetch(poll, { cache: 'no-store' });
        const body: unknown = res.ok ? await res.json() : undefined;
        if (body !== undefined) {
          take(body);
          if (streams) allowed = streams(body);
        }
        return body;
      } catch {
        return undefined; // offline or restarting: keep what we had and ask again
      }
    };
    // Each poll loop's generation: a tick that was waiting on ask() while the tab was hidden and
    // shown again (which starts a new loop) sees a newer generation and stops, leaving one loop.
    let generation = 0;
    const schedule = () => {
      const mine = ++generation;
      clearTimeout(timer);
      timer = setTimeout(() => void tick(mine), POLL_MS);
    };
    const tick = async (mine: number) => {
      if (source?.readyState !== EventSource.OPEN) await ask();
      // Allowed since the last answer (the learner claimed a sandbox): follow by stream from now on.
      if (source === null && allowed && !stop && document.visibilityState === 'visible') open();
      if (mine === generation && !stop && document.visibilityState === 'visible') schedule();
    };
    const open = () => {
      source?.close();
      source = null;
      if (!allowed) return;
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
      generation++;
      clearTimeout(timer);
      if (document.visibilityState === 'visible') {
        open();
        schedule();
      } else {
        source?.close();
        source = null;
      }
    };
    // The first answer decides whether there is a room to follow; with no answer (offline, a
    // restart) it asks again rather than guess, so a site without workshop mode never opens the stream.
    const start = async () => {
      const first = await ask();
      if (stop) return;
      if (first === undefined) {
        timer = setTimeout(() => void start(), POLL_MS);
        return;
      }
      if (follows && !follows(first)) return;
      open();
      schedule();
      document.addEventListener('visibilitychange', onVisibility);
    };
    void start();
    return () => {
      stop = true;
      clearTimeout(timer);
      source?.close();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [events, poll, parse, follows, streams]);
  return value;
}
