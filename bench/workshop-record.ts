import fs from 'node:fs';
import { int, ms, printTable, summarize, type Summary } from './report';

/** Bookkeeping for bench/workshop.ts: control-call timings by route, and the app's own log. */
export type RouteRec = { ms: number[]; statuses: Map<number, number>; failures: number; refused: number };
export type Call = { status: number; ms: number; body: unknown; retryAfterS: number | null; nodeKey?: string | null };

/** Control calls by route, in two phases: the room polling with no runs yet (baseline), then with runs going. */
export function createRecorder() {
  const routes = new Map<string, RouteRec>();
  const baseline = new Map<string, number[]>();
  let phase: 'join' | 'baseline' | 'room' = 'join'; // claims are reported as they happened, with the room
  const rec = (route: string) => {
    let r = routes.get(route);
    if (!r) routes.set(route, (r = { ms: [], statuses: new Map(), failures: 0, refused: 0 }));
    return r;
  };
  return {
    routes,
    baseline,
    setPhase: (p: typeof phase) => void (phase = p),
    add(route: string, took: number, status: number, expected: (s: number) => 'ok' | 'refused' | 'fail') {
      if (phase === 'baseline' && status >= 200 && status < 300) {
        const b = baseline.get(route) ?? [];
        baseline.set(route, b);
        b.push(took);
        return;
      }
      const r = rec(route);
      r.ms.push(took);
      r.statuses.set(status, (r.statuses.get(status) ?? 0) + 1);
      const kind = expected(status);
      if (kind === 'fail') r.failures++;
      if (kind === 'refused') r.refused++;
    },
  };
}

/** Whatever the app said about errors while the room ran: the data dir (and its log) is deleted afterwards. */
export function reportAppLog(file: string): void {
  let lines: string[] = [];
  try {
    lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /error|warn|unhandled|exception|restart/i.test(l));
  } catch {
    return;
  }
  const distinct = [...new Set(lines.map((l) => l.replace(/\d+/g, 'N').slice(0, 200)))];
  console.log(
    `  app log: ${lines.length} error/warning lines${distinct.length ? `, ${distinct.length} distinct:` : ''}`,
  );
  for (const l of distinct.slice(0, 6)) console.log(`    | ${l}`);
}

/** The control API table: every route with its idle p95, then all learners' calls together. Returns the room's totals. */
export function printControlCalls(
  routes: Map<string, RouteRec>,
  baseline: Map<string, number[]>,
): { total: Summary; failures: number } {
  const all: number[] = [];
  let failures = 0;
  const rows = [...routes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, r]) => {
      // The floor is this bench's own probe, not a learner's call: kept out of the room's p95.
      if (!route.endsWith('(floor)')) {
        all.push(...r.ms);
        failures += r.failures;
      }
      const s = summarize(r.ms);
      const b = summarize(baseline.get(route) ?? []);
      const statuses = [...r.statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([st, n]) => `${st || 'err'}x${n}`)
        .join(' ');
      return [route, ms(b.p95), int(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), int(r.failures), statuses];
    });
  const total = summarize(all);
  const baseAll = summarize([...baseline.entries()].filter(([r]) => !r.endsWith('(floor)')).flatMap(([, v]) => v));
  rows.push([
    'all control calls',
    ms(baseAll.p95),
    int(total.n),
    ms(total.p50),
    ms(total.p95),
    ms(total.p99),
    ms(total.max),
    int(failures),
    '',
  ]);
  console.log(
    `  control API while runs go (failures: non-2xx other than 429/503 on run start, or no answer in 15 s; 125 s for PATCH)`,
  );
  printTable(
    ['route', 'idle p95', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failures', 'statuses'],
    rows,
    'lrrrrrrrl',
  );
  return { total, failures };
}
