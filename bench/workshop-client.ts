import type { Call, createRecorder } from './workshop-record';

/**
 * The room's HTTP client: one control call, timed and recorded under its route, the way a
 * lesson page makes it (with a time limit, so a frozen server shows up as a slow failed call
 * instead of hanging the bench).
 */
export type Recorder = ReturnType<typeof createRecorder>;
export type Kind = 'ok' | 'refused' | 'fail';
export const okOnly = (s: number): Kind => (s >= 200 && s < 300 ? 'ok' : 'fail');
export const runStartKind = (s: number): Kind => (s === 201 ? 'ok' : s === 429 || s === 503 ? 'refused' : 'fail');

export type RoomCall = (
  route: string,
  url: string,
  init: RequestInit,
  kind?: (s: number) => Kind,
  timeoutMs?: number,
) => Promise<Call>;

export function createRoomClient(origin: string, calls: Recorder, aborter: AbortController): RoomCall {
  return async function call(route, url, init, kind = okOnly, timeoutMs = 15_000) {
    const t0 = performance.now();
    let status = 0;
    let body: unknown = null;
    let retryAfterS: number | null = null;
    let nodeKey: string | null = null;
    try {
      // A frozen server must show up as a slow, failed call, not hang the bench.
      const res = await fetch(`${origin}${url}`, {
        ...init,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), aborter.signal]),
      });
      status = res.status;
      const ra = res.headers.get('retry-after');
      // Behind nginx the first answer sets the affinity cookie; a browser sends it back, and so do we.
      nodeKey = /scale_lab_node_key=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;
      retryAfterS = ra === null ? null : Number(ra);
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    } catch {
      if (aborter.signal.aborted) return { status: 0, ms: 0, body: null, retryAfterS: null }; // ours, not the server's
      status = 0; // no answer, or headers but no body, in time: a failed call whatever the status line said
    }
    const took = performance.now() - t0;
    calls.add(route, took, status, kind);
    return { status, ms: took, body, retryAfterS, nodeKey };
  };
}
