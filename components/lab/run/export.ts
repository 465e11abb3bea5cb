import type { RunRecord } from './run-api';

/**
 * A run's report as files: the RunRecord as JSON (what the runs API returned, unchanged) and
 * one CSV row per second. Pure, so the column maths is unit-tested; `download` is the only
 * part that needs a browser.
 */
export const CSV_COLUMNS = [
  't',
  'sent',
  'completed',
  'rps',
  'p50',
  'p95',
  'p99',
  'max',
  '2xx',
  '4xx',
  '5xx',
  '429',
  'timeouts',
  'hits',
  'misses',
] as const;

type Cell = string | number | null | undefined;

function csvCell(v: Cell): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'number' ? String(Number(v.toFixed(3))) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** t in seconds since the start; rps is requests answered per second; latencies in ms (empty when none answered). */
export function runCsv(run: Pick<RunRecord, 'seconds'>): string {
  const rows = run.seconds.map((s) => {
    const c = s.counts;
    return [
      s.tMs / 1000,
      c.sent,
      c.completed,
      s.achievedRps,
      s.latencyMs?.p50,
      s.latencyMs?.p95,
      s.latencyMs?.p99,
      s.latencyMs?.max,
      c.status['2xx'],
      c.status['4xx'],
      c.status['5xx'],
      c.rateLimited,
      c.timeouts,
      c.cache.hit,
      c.cache.miss,
    ];
  });
  return [CSV_COLUMNS as readonly Cell[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const runJson = (run: RunRecord) => `${JSON.stringify(run, null, 2)}\n`;

/** scale-lab-run-<id>-2025-01-31-1405.csv: sortable, and says which run it is. */
export function exportName(run: Pick<RunRecord, 'id' | 'startedAt'>, ext: 'json' | 'csv' | 'png'): string {
  const when = run.startedAt.slice(0, 16).replace('T', '-').replace(':', '');
  return `scale-lab-${run.id}-${when}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled: revoking at once cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
