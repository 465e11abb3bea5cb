/**
 * Reads a Server-Sent Events body in a test: each event with the moment it arrived, and a way
 * to wait for the first one that matches. Waits for a state, with a deadline, never a sleep.
 */
export type SseEvent = { event: string; data: unknown; at: number };

export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: SseEvent[] = [];
  let buffer = '';
  let ended = false;
  const waiters = new Set<() => void>();
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) seen.push({ event, data: JSON.parse(data), at: performance.now() });
      }
      for (const w of waiters) w();
    }
    ended = true;
    for (const w of waiters) w();
  })();
  return {
    seen,
    /** The first event (from `from` on) that matches, or an error after `ms`. */
    next(match: (e: SseEvent) => boolean, ms: number, from = 0): Promise<SseEvent> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = seen.slice(from).find(match);
          if (hit || ended) {
            clearTimeout(timer);
            waiters.delete(check);
            if (hit) resolve(hit);
            else reject(new Error(`the stream ended without the event (saw ${seen.map((e) => e.event).join(', ')})`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms (saw ${JSON.stringify(seen.slice(from))})`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}
