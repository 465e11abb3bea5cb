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
