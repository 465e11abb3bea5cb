/**
 * Where a page's Total Blocking Time comes from, read off Lighthouse's own report: its
 * `long-tasks` audit lists the main-thread tasks of its simulated (4x slower CPU) load with
 * their simulated start and duration, and TBT is what those tasks spend beyond 50 ms after
 * First Contentful Paint. Lighthouse blends two simulations into its TBT figure, so the sum
 * here is close to the reported TBT, not equal to it: it names the tasks, it does not
 * replace the metric.
 */
export type SimulatedTask = { url: string; startTime: number; duration: number };
export type BlockingTask = SimulatedTask & { blocking: number };

const THRESHOLD_MS = 50;

/**
 * The tasks that block after `fcpMs`, largest first. A task that began before FCP counts
 * only from FCP on, as Lighthouse clips it (a 200 ms layout starting 30 ms before FCP
 * blocks for 120 ms).
 */
export function blockingTasks(tasks: readonly SimulatedTask[], fcpMs: number): BlockingTask[] {
  return tasks
    .map((t) => {
      const counted = t.startTime + t.duration - Math.max(t.startTime, fcpMs);
      return { ...t, blocking: Math.max(0, counted - THRESHOLD_MS) };
    })
    .filter((t) => t.blocking > 0)
    .sort((a, b) => b.blocking - a.blocking);
}

/** Reads the audit's items, skipping any row without the three numbers it needs. */
export function simulatedTasks(items: ReadonlyArray<Record<string, unknown>> | undefined): SimulatedTask[] {
  return (items ?? []).flatMap((i) =>
    typeof i.startTime === 'number' && typeof i.duration === 'number'
      ? [{ url: String(i.url ?? ''), startTime: i.startTime, duration: i.duration }]
      : [],
  );
}

/**
 * A task's source in a few words: the page's own document (parsing, style, layout and paint
 * are attributed to it), a script chunk by file name, or Lighthouse's "Unattributable".
 */
export function taskSource(url: string, pageUrl: string): string {
  if (url === pageUrl) return 'document (parse/style/layout)';
  return url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/_next\/static\/chunks\//, '') || 'unattributed';
}

/**
 * Whether the browser showed the page's first frame only after the page had finished loading:
 * Lighthouse's observed (unthrottled) first paint later than its load event. A lesson loads in
 * ~0.3 s on loopback and paints before that; on some runs the frame, already painted and
 * committed, is presented only ~1 s later while the page sits idle (seen in both the full
 * browser and the headless shell). The simulated FCP and LCP start from that late frame, so such
 * a run says more about the browser than the page: the bench counts them next to its figures.
 */
export function firstPaintHeld(metrics: Record<string, unknown> | undefined): boolean {
  const paint = metrics?.observedFirstContentfulPaint;
  const load = metrics?.observedLoad;
  return typeof paint === 'number' && typeof load === 'number' && paint > load;
}
