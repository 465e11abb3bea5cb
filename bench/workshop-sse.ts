import type { Recorder } from './workshop-client';
import { okOnly } from './workshop-client';

/**
 * The room's SSE side: follows a run's live stats to `done` as the lab panel does, and keeps
 * how late each `second` event arrived, against the run's start as the client saw it (the 201
 * arriving) and as the server recorded it (run.startedAt: not shifted by a slow POST).
 */
export function createSseFollower(origin: string, calls: Recorder, aborter: AbortController) {
  const sseDelays: number[] = []; // against the run's start as the client saw it (the 201 arriving)
  const sseDelaysServer: number[] = []; // against run.startedAt (server clock, same host): not shifted by a slow POST
  const missingSeconds = { n: 0 };
  const caughtUpInSnapshot = { n: 0 };

  /** Follows one run's SSE stream to `done`, timing every `second` against the run's start as this client saw it. */
  async function follow(
    headers: Record<string, string>,
    runId: string,
    startedAt: number,
    serverStartMs: number,
    durationSec: number,
  ): Promise<{ status: string; error: string | null } | null> {
    const t0 = performance.now();
    const signal = AbortSignal.any([AbortSignal.timeout((durationSec + 40) * 1000), aborter.signal]);
    let res: Response;
    try {
      res = await fetch(`${origin}/api/lab/runs/${runId}/events`, {
        headers: { ...headers, accept: 'text/event-stream' },
        signal,
      });
    } catch {
      if (!aborter.signal.aborted)
        calls.add('GET /api/lab/runs/{id}/events (to snapshot)', performance.now() - t0, 0, okOnly);
      return null;
    }
    if (!res.ok || !res.body) {
      calls.add('GET /api/lab/runs/{id}/events (to snapshot)', performance.now() - t0, res.status, okOnly);
      await res.body?.cancel();
      return null;
    }
    const decoder = new TextDecoder();
    let buf = '';
    let seen = 0;
    let doneStatus: { status: string; error: string | null } | null = null;
    try {
      const reader = res.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const arrived = performance.now();
        const arrivedWall = Date.now();
        buf += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (!data.length) continue; // retry: and keep-alive comments
          const payload = JSON.parse(data.join('\n')) as {
            tMs?: number;
            run?: { status: string; error: string | null; seconds?: unknown[] };
          };
          if (event === 'snapshot') {
            calls.add('GET /api/lab/runs/{id}/events (to snapshot)', arrived - t0, res.status, okOnly);
            const already = payload.run?.seconds?.length ?? 0;
            caughtUpInSnapshot.n += already;
            seen += already;
          } else if (event === 'second' && typeof payload.tMs === 'number') {
            sseDelays.push(arrived - (startedAt + payload.tMs));
            sseDelaysServer.push(arrivedWall - (serverStartMs + payload.tMs));
            seen++;
          } else if (event === 'done') {
            doneStatus = { status: payload.run?.status ?? 'unknown', error: payload.run?.error ?? null };
          }
        }
        if (doneStatus) break;
      }
      await reader.cancel().catch(() => {});
    } catch {
      // aborted (the bench is ending or the stream outlived its run): counted as no `done`
    }
    if (doneStatus?.status === 'completed') missingSeconds.n += Math.max(0, durationSec - seen);
    return doneStatus;
  }

  return { follow, sseDelays, sseDelaysServer, missingSeconds, caughtUpInSnapshot };
}
