import { describeGroup, describeIndex, GROUP_IDS, indexLabel, isOff, KNOB_GROUPS } from '../knobs/registry';
import { formatCount, formatMs, formatPct, formatRps } from '../format';
import type { RunRecord } from '../runs/schema';
import { evaluateCheck, matches, metricOf } from './checks';
import type { LessonCheck } from './frontmatter';
import type { ChangeReport, KnobChange, ReportStep, RunFigures } from './report-schema';

/**
 * Which changes mattered, from the learner's own runs of one workload: their everything-off
 * run against their best one (the knob differences and the measured deltas), and every step
 * between consecutive runs. Only a step that changed exactly one knob group attributes an
 * effect to it; a step that changed several says they changed together, and a change that
 * was never measured alone is named as such. Effects are measured in the order the learner
 * made them: a cache on top of indexes saves less than a cache on a scan.
 */
type RunCheck = Extract<LessonCheck, { kind: 'run' }>;

/** The knob groups that differ between two runs, as the knob panel would name them. */
export function knobChanges(a: RunRecord['knobs'], b: RunRecord['knobs']): KnobChange[] {
  const out: KnobChange[] = [];
  const present = (k: RunRecord['knobs']) => new Map(k.indexes.map((i) => [i.name as string, i.present]));
  const ia = present(a);
  const ib = present(b);
  for (const name of new Set([...ia.keys(), ...ib.keys()])) {
    const x = ia.get(name) ?? false;
    const y = ib.get(name) ?? false;
    if (x !== y) out.push({ group: name, label: indexLabel(name), from: describeIndex(x), to: describeIndex(y) });
  }
  for (const g of GROUP_IDS) {
    if (JSON.stringify(a.settings[g]) === JSON.stringify(b.settings[g])) continue;
    out.push({
      group: g,
      label: KNOB_GROUPS[g].label,
      from: describeGroup(g, a.settings[g]),
      to: describeGroup(g, b.settings[g]),
    });
  }
  return out;
}

/** Every knob the course teaches is off: no teaching index, and every group as the course starts it. */
export function everythingOff(k: RunRecord['knobs']): boolean {
  return k.indexes.every((i) => !i.present) && GROUP_IDS.every((g) => isOff(g, k.settings[g]));
}

function figures(run: RunRecord, check: RunCheck): RunFigures {
  return {
    id: run.id,
    startedAt: run.startedAt,
    p95: metricOf(run, 'fairP95'),
    errorPct: metricOf(run, 'fairErrorPct'),
    achievedRps: metricOf(run, 'achievedRps'),
    hitRatio: metricOf(run, 'hitRatio'),
    rateLimited: metricOf(run, 'rateLimited'),
    passed: evaluateCheck(check, [run]).passed,
  };
}

const fmtMs = (v: number | null) => (v === null ? 'unmeasured' : formatMs(v));
const fmtPct = (v: number | null) => (v === null ? 'unmeasured' : formatPct(v));

function factor(before: number | null, after: number | null): string {
  if (before === null || after === null || before <= 0 || after <= 0) return '';
  if (before === after) return 'no change';
  return before > after ? `${(before / after).toFixed(1)}x lower` : `${(after / before).toFixed(1)}x higher`;
}

const list = (changes: KnobChange[]) => changes.map((c) => `${c.label} (${c.from} → ${c.to})`).join(', ');

function stepText(a: RunFigures, b: RunFigures, changes: KnobChange[]): string {
  const effect = `p95 ${fmtMs(a.p95)} → ${fmtMs(b.p95)}${factor(a.p95, b.p95) ? ` (${factor(a.p95, b.p95)})` : ''}, errors ${fmtPct(a.errorPct)} → ${fmtPct(b.errorPct)}`;
  if (changes.length === 0) return `Same knobs run again: ${effect}. That spread is this machine's noise.`;
  if (changes.length === 1) return `${list(changes)} alone: ${effect}.`;
  return `${list(changes)} changed together: ${effect}. Their separate effects were not measured.`;
}

const MAX_STEPS = 12;

export function whatMattered(check: RunCheck, allRuns: RunRecord[]): ChangeReport {
  const runs = allRuns.filter((r) => matches(r, check.where)).sort((x, y) => x.startedAt.localeCompare(y.startedAt));
  const none: ChangeReport = {
    missing: null,
    baseline: null,
    baselineIsOff: false,
    best: null,
    bestWhy: null,
    changes: [],
    deltas: [],
    steps: [],
    mattered: [],
  };
  if (runs.length < 2) {
    return {
      ...none,
      missing:
        runs.length === 0
          ? 'No completed run of the spike workload yet.'
          : 'One run so far: change something and run again to see what it did.',
    };
  }
  const fig = new Map(runs.map((r) => [r.id, figures(r, check)]));
  const f = (r: RunRecord) => fig.get(r.id)!;
  // Best: the passing run with the lowest p95, else the lowest p95 of all.
  const byP95 = (x: RunRecord, y: RunRecord) => (f(x).p95 ?? Infinity) - (f(y).p95 ?? Infinity);
  const passing = runs.filter((r) => f(r).passed).sort(byP95);
  const best = passing[0] ?? [...runs].sort(byP95)[0]!;
  const offs = runs.filter((r) => everythingOff(r.knobs) && r.startedAt <= best.startedAt && r.id !== best.id);
  const baseline = offs.at(-1) ?? runs.find((r) => r.id !== best.id)!;
  const b = f(baseline);
  const a = f(best);

  const deltas = [
    { label: 'p95 (legitimate clients)', before: fmtMs(b.p95), after: fmtMs(a.p95), change: factor(b.p95, a.p95) },
    { label: 'Error rate (legitimate clients)', before: fmtPct(b.errorPct), after: fmtPct(a.errorPct), change: '' },
    {
      label: 'Throughput',
      before: formatRps(b.achievedRps ?? 0),
      after: formatRps(a.achievedRps ?? 0),
      change: factor(b.achievedRps, a.achievedRps),
    },
    {
      label: 'Cache hit ratio',
      before: b.hitRatio === null ? 'no cache' : fmtPct(b.hitRatio * 100),
      after: a.hitRatio === null ? 'no cache' : fmtPct(a.hitRatio * 100),
      change: '',
    },
    {
      label: '429 responses',
      before: formatCount(b.rateLimited ?? 0),
      after: formatCount(a.rateLimited ?? 0),
      change: '',
    },
  ];

  const steps: ReportStep[] = [];
  for (let i = 1; i < runs.length; i++) {
    const changes = knobChanges(runs[i - 1]!.knobs, runs[i]!.knobs);
    steps.push({
      from: f(runs[i - 1]!),
      to: f(runs[i]!),
      changes,
      text: stepText(f(runs[i - 1]!), f(runs[i]!), changes),
    });
  }

  // Attribution: single-change steps, largest p95 gain first; then the rest of the changes.
  const single = steps
    .filter((s) => s.changes.length === 1)
    .map((s) => ({ s, gain: s.from.p95 && s.to.p95 ? s.from.p95 / s.to.p95 : 0 }))
    .sort((x, y) => y.gain - x.gain);
  const mattered = single.map(({ s }) => s.text);
  const measuredAlone = new Set(single.map(({ s }) => s.changes[0]!.group));
  const changes = knobChanges(baseline.knobs, best.knobs);
  const together = changes.filter((c) => !measuredAlone.has(c.group));
  if (together.length > 0) {
    const one = together.length === 1;
    const names = together.map((c) => c.label).join(', ');
    mattered.push(
      `${names} ${one ? 'was never changed on its own, so its effect is' : 'were never changed on their own, so their effects are'} only known together with other changes.`,
    );
  }
  return {
    missing: null,
    baseline: b,
    baselineIsOff: everythingOff(baseline.knobs),
    best: a,
    bestWhy: passing.length ? 'passed' : 'lowest-p95',
    changes,
    deltas,
    steps: steps.slice(-MAX_STEPS),
    mattered,
  };
}
