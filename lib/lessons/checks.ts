import { summaryFigures } from '../load/figures';
import { formatCount, formatMs, formatPct, formatRatio, formatRps } from '../format';
import type { RunRecord } from '../runs/schema';
import { describeRun } from './check-words';
import type { LessonCheck, Metric, RunCondition } from './frontmatter';

/**
 * Checks are computed from the learner's own stored runs, never self-declared. Each result
 * says what was measured, or what is still missing, in words.
 */
export type CheckResult = {
  id: string;
  title: string;
  passed: boolean;
  detail: string;
  runIds: string[];
};

export const METRIC_LABEL: Record<Metric, string> = {
  p50: 'p50',
  p95: 'p95',
  p99: 'p99',
  achievedRps: 'throughput',
  errorPct: 'error rate',
  hitRatio: 'cache hit ratio',
  rateLimited: '429 count',
  timeouts: 'timeouts',
  fairP95: 'p95 of the legitimate clients',
  fairErrorPct: 'error rate of the legitimate clients',
  cacheMisses: 'cache misses',
};

export function metricOf(run: RunRecord, metric: Metric): number | null {
  const s = run.summary;
  if (!s) return null;
  switch (metric) {
    case 'p50':
    case 'p95':
    case 'p99':
      return s.latencyMs ? s.latencyMs[metric] : null;
    case 'achievedRps':
      return s.achievedRps;
    case 'errorPct':
      return s.errorPct;
    case 'hitRatio':
      return s.hitRatio;
    case 'rateLimited':
      return s.counts.rateLimited;
    case 'timeouts':
      return s.counts.timeouts;
    // Runs stored before the split: with no abuser their clients were all legitimate.
    case 'fairP95':
      return s.fair ? (s.fair.latencyMs?.p95 ?? null) : (s.latencyMs?.p95 ?? null);
    case 'fairErrorPct':
      return s.fair ? s.fair.errorPct : s.errorPct;
    case 'cacheMisses':
      return summaryFigures(s).cacheMisses;
  }
}

/** The same formatter and rounding as the run views' cards (lib/format.ts): a check never shows a figure differently. */
export function formatMetric(metric: Metric, v: number): string {
  if (metric === 'p50' || metric === 'p95' || metric === 'p99' || metric === 'fairP95') return formatMs(v);
  if (metric === 'achievedRps') return formatRps(v);
  if (metric === 'errorPct' || metric === 'fairErrorPct') return formatPct(v);
  if (metric === 'hitRatio') return formatRatio(v);
  return formatCount(v);
}

function subsetOf(want: unknown, have: unknown): boolean {
  if (want === undefined) return true;
  if (want === null || typeof want !== 'object') return want === have;
  if (have === null || typeof have !== 'object') return false;
  return Object.entries(want).every(([k, v]) => subsetOf(v, (have as Record<string, unknown>)[k]));
}

export function matches(run: RunRecord, c: RunCondition): boolean {
  // A run whose profile an older version stored cannot show what load it measured: it proves nothing.
  const p = run.profile;
  if (run.status !== 'completed' || !run.summary || !p) return false;
  for (const [name, on] of Object.entries(c.indexes ?? {})) {
    if (run.knobs.indexes.find((i) => i.name === name)?.present !== on) return false;
  }
  if (!subsetOf(c.settings, run.knobs.settings)) return false;
  if (c.endpoint && !p.mix.some((m) => m.endpoint === c.endpoint)) return false;
  if (c.model && p.model !== c.model) return false;
  if (c.distribution && p.keys.distribution !== c.distribution) return false;
  if (c.minRate !== undefined && !(p.model === 'constant-arrival' && p.rate >= c.minRate)) return false;
  if (c.abusive !== undefined && p.clients.abusive.enabled !== c.abusive) return false;
  if (
    c.minPeakRate !== undefined &&
    !(p.model === 'constant-arrival' && p.rate * Math.max(1, p.spike?.multiple ?? 1) >= c.minPeakRate - 1e-9)
  )
    return false;
  return true;
}

type Bound = { metric: Metric; atMost?: number; atLeast?: number };

/** The check's own bound first, then every alsoAtMost bound: one run must meet them all. */
function runBounds(check: Extract<LessonCheck, { kind: 'run' }>): Bound[] {
  const first: Bound[] = check.metric ? [{ metric: check.metric, atMost: check.atMost, atLeast: check.atLeast }] : [];
  const also = Object.entries(check.alsoAtMost ?? {}) as [Metric, number][];
  return [...first, ...also.map(([metric, atMost]) => ({ metric, atMost }))];
}

/** "at most 300 ms", or with the metric named when a check has several bounds. */
function boundText(b: Bound, named: boolean): string {
  const parts = [
    b.atMost !== undefined && `at most ${formatMetric(b.metric, b.atMost)}`,
    b.atLeast !== undefined && `at least ${formatMetric(b.metric, b.atLeast)}`,
  ].filter(Boolean);
  return `${named ? `${METRIC_LABEL[b.metric]} ` : ''}${parts.join(' and ')}`;
}

function meets(run: RunRecord, b: Bound): boolean {
  const v = metricOf(run, b.metric);
  return v !== null && (b.atMost === undefined || v <= b.atMost) && (b.atLeast === undefined || v >= b.atLeast);
}

/** Whether a before/after pair was made in the order the check asks for (any order when it asks for none). */
function inOrder(order: 'before-first' | 'after-first' | undefined, b: RunRecord, a: RunRecord): boolean {
  if (order === 'before-first') return a.startedAt > b.startedAt;
  if (order === 'after-first') return b.startedAt > a.startedAt;
  return true;
}

export function evaluateCheck(check: LessonCheck, runs: RunRecord[]): CheckResult {
  const base = { id: check.id, title: check.title };
  if (check.kind === 'run') {
    const candidates = runs.filter((r) => matches(r, check.where));
    if (candidates.length === 0) {
      return {
        ...base,
        passed: false,
        detail: `Still missing: ${describeRun(check.where, 'a completed run')}.`,
        runIds: [],
      };
    }
    if (!check.metric)
      return { ...base, passed: true, detail: 'Done: you have a run that matches.', runIds: [candidates[0]!.id] };
    const bounds = runBounds(check);
    const ok = candidates.find((r) => bounds.every((b) => meets(r, b)));
    if (ok) {
      const measured = bounds
        .map((b) => `${METRIC_LABEL[b.metric]} was ${formatMetric(b.metric, metricOf(ok, b.metric)!)}`)
        .join(', ');
      return { ...base, passed: true, detail: `Done: ${measured}.`, runIds: [ok.id] };
    }
    const latest = candidates[0]!;
    const measured = bounds.map((b) => {
      const v = metricOf(latest, b.metric);
      return `${METRIC_LABEL[b.metric]} ${v === null ? 'unmeasured' : formatMetric(b.metric, v)}`;
    });
    const needs = bounds.map((b) => boundText(b, bounds.length > 1));
    return {
      ...base,
      passed: false,
      detail: `Your latest matching run had ${measured.join(' and ')}; the check needs ${needs.join(' and ')}.`,
      runIds: [latest.id],
    };
  }

  // Probe checks are passed by the probe route itself, from the probe it just measured (lib/lessons/replica-probe-checks.ts).
  if (check.kind === 'probe') {
    return {
      ...base,
      passed: false,
      detail: `Still missing: a probe with the replica on and ${check.consistency === 'eventual' ? 'eventual consistency' : 'read your writes'}.`,
      runIds: [],
    };
  }
  const befores = runs.filter((r) => matches(r, check.before));
  const afters = runs.filter((r) => matches(r, check.after));
  if (befores.length === 0 || afters.length === 0) {
    const missing = [
      befores.length === 0 && describeRun(check.before),
      afters.length === 0 && describeRun(check.after),
    ].filter(Boolean);
    return { ...base, passed: false, detail: `Still missing: ${missing.join('; and ')}.`, runIds: [] };
  }
  let best: { ratio: number; b: RunRecord; a: RunRecord } | null = null;
  for (const b of befores) {
    for (const a of afters) {
      if (!inOrder(check.order, b, a)) continue;
      const vb = metricOf(b, check.metric);
      const va = metricOf(a, check.metric);
      if (vb === null || va === null || va <= 0 || vb <= 0) continue;
      const ratio = check.better === 'lower' ? vb / va : va / vb;
      if (!best || ratio > best.ratio) best = { ratio, b, a };
    }
  }
  if (!best && !befores.some((b) => afters.some((a) => inOrder(check.order, b, a)))) {
    // Both runs exist, made the other way round: the lesson's "then" is part of the check.
    const [first, second] = check.order === 'after-first' ? [check.after, check.before] : [check.before, check.after];
    return {
      ...base,
      passed: false,
      detail: `Still missing: ${describeRun(second)}, made after ${describeRun(first)}.`,
      runIds: [],
    };
  }
  if (!best)
    return {
      ...base,
      passed: false,
      detail: `The matching runs have no ${METRIC_LABEL[check.metric]} to compare.`,
      runIds: [],
    };
  const m = check.metric;
  const measured = `${METRIC_LABEL[m]} went from ${formatMetric(m, metricOf(best.b, m)!)} to ${formatMetric(m, metricOf(best.a, m)!)} (${best.ratio.toFixed(1)}x)`;
  return best.ratio >= check.factor
    ? { ...base, passed: true, detail: `Done: ${measured}.`, runIds: [best.b.id, best.a.id] }
    : {
        ...base,
        passed: false,
        detail: `Best so far: ${measured}; the check needs ${check.factor}x.`,
        runIds: [best.b.id, best.a.id],
      };
}
