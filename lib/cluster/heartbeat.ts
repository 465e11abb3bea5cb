import type { NodeHeartbeat, NodeRegistry } from './types';

/**
 * Keeps this node's heartbeat fresh, and fences it when it cannot: once no heartbeat has
 * succeeded for deadAfterMs, the other nodes consider this one dead and have released its rate
 * reservations, so onLost must stop its runs (or the room would send more than its budget).
 */
export type HeartbeatOptions = {
  nodes: NodeRegistry;
  self: () => NodeHeartbeat;
  intervalMs: number;
  deadAfterMs: number;
  onLost?: () => void;
  onRestored?: () => void;
  log?: (msg: string) => void;
  /** Monotonic milliseconds; a wall clock stepping back must not hide a lost heartbeat. */
  now?: () => number;
};

export function startHeartbeat(opts: HeartbeatOptions): { beatNow: () => Promise<boolean>; stop: () => void } {
  const now = opts.now ?? (() => performance.now());
  const log = opts.log ?? ((m: string) => console.warn(`Scale Lab heartbeat: ${m}`));
  let lastOk = now();
  let lost = false;
  let failing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function beatNow(): Promise<boolean> {
    try {
      await opts.nodes.heartbeat(opts.self());
      lastOk = now();
      if (failing) log('heartbeat restored');
      failing = false;
      if (lost) {
        lost = false;
        opts.onRestored?.();
      }
      return true;
    } catch (err) {
      if (!failing) log(`heartbeat failed (${(err as Error).message}); retrying`);
      failing = true;
      if (!lost && now() - lastOk >= opts.deadAfterMs) {
        lost = true;
        log(`no heartbeat for ${Math.round((now() - lastOk) / 1000)} s: the other nodes now treat this one as dead`);
        opts.onLost?.();
      }
      return false;
    }
  }

  // A chain of timeouts, not an interval: a slow database must not pile heartbeats up.
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => void beatNow().finally(loop), opts.intervalMs);
    timer.unref();
  };
  loop();
  return {
    beatNow,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
