import type { RequestContext } from '../stage';

/** A knob-switched stage that did work adds its own Server-Timing entry (off, it adds nothing). */
export function timed(ctx: RequestContext, name: string, t0: number, desc?: string): void {
  ctx.timings.push(
    desc === undefined ? { name, dur: performance.now() - t0 } : { name, dur: performance.now() - t0, desc },
  );
}
