'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { ProbeRead, ProbeResult } from '@/lib/replica/probe-schema';
import { runProbe } from './probe-api';
import { ProblemNotice } from '@/components/ui/problem-notice';

const VisibilityChart = dynamic(() => import('./visibility-chart').then((m) => m.VisibilityChart), {
  ssr: false,
  loading: () => <div className="skeleton" style={{ height: 180 }} aria-label="Loading chart" />,
});

const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v).toLocaleString('en')} ms`);
const readCell = (r: ProbeRead | null) =>
  r ? `${r.status} · ${r.servedBy ?? '?'}${r.sawWrite === false ? ' (stale)' : ''}` : '–';

/**
 * `<ReplicaProbe/>`: K real orders on the learner's API, each read back at once by the writer
 * and by another client. Shows how many reads missed their write, measured, never modelled.
 */
export function ReplicaProbe({ pairs: initial = 20 }: { pairs?: number }) {
  const [pairs] = useState(initial);
  const [runs, setRuns] = useState<ProbeResult[]>([]);
  const queryClient = useQueryClient();
  const probe = useMutation({
    mutationFn: () => runProbe(pairs),
    onSuccess: (r) => {
      setRuns((prev) => [r, ...prev].slice(0, 4));
      // The server may have passed a lesson check from this probe.
      if (r.checksPassed.length) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'lesson' });
    },
  });
  const last = runs[0];
  return (
    <section className="widget" aria-labelledby="replica-probe-title" data-testid="replica-probe">
      <p className="widget__eyebrow">Experiment · measured on your API</p>
      <h3 className="widget__title" id="replica-probe-title">
        Write, then read it back
      </h3>
      <p style={{ margin: 0 }}>
        Places {pairs} real orders (one item each) and, right after each <code>201</code>, reads the order back twice:
        as the client that wrote it, and as another client.
      </p>
      <p style={{ margin: 0 }}>
        <button
          type="button"
          className="btn btn--primary"
          disabled={probe.isPending}
          onClick={() => probe.mutate()}
          data-testid="replica-probe-run"
        >
          {probe.isPending ? 'Probing…' : `Run the probe (${pairs} orders)`}
        </button>
      </p>
      {probe.isError && <ProblemNotice error={probe.error} action="The probe did not run" />}
      <div role="status" aria-live="polite">
        {last && <ProbeView result={last} />}
      </div>
      {runs.length > 1 && <History runs={runs} />}
    </section>
  );
}

function settingsText(r: ProbeResult): string {
  if (!r.replica.enabled) return 'replica off: every request on the primary';
  return `replica on, ${r.replica.lagMs.toLocaleString('en')} ms lag, ${r.replica.consistency === 'eventual' ? 'eventual consistency' : 'read your writes'}`;
}

function shortSettings(r: ProbeResult): string {
  if (!r.replica.enabled) return 'off';
  return `${r.replica.lagMs.toLocaleString('en')} ms, ${r.replica.consistency === 'eventual' ? 'eventual' : 'read your writes'}`;
}

function ProbeView({ result }: { result: ProbeResult }) {
  const s = result.summary;
  const rows = result.samples.map((x) => ({ pair: x.pair, ms: x.visibleAfterMs }));
  return (
    <div style={{ display: 'grid', gap: '0.75rem' }}>
      <p className="muted" style={{ margin: 0, fontSize: '0.85rem' }}>
        Ran with {settingsText(result)} · {s.writes} orders placed in {ms(result.durationMs)}.
      </p>
      <div className="stat-grid">
        <Stat
          testId="probe-own-stale"
          value={`${s.ownStale} / ${s.writes}`}
          label="writer's reads that missed its own order"
        />
        <Stat
          testId="probe-other-stale"
          value={`${s.otherStale} / ${s.writes}`}
          label="another client's reads that missed it"
        />
        <Stat value={ms(s.medianVisibleAfterMs)} label="median time until others saw it" />
        <Stat value={ms(s.maxStaleLagMs)} label="X-Replica-Lag-Ms on stale reads (max)" />
      </div>
      <p style={{ margin: 0 }} data-testid="probe-sentence">
        {s.ownStale === 0 && s.otherStale === 0
          ? 'Every read saw the order it followed.'
          : `The writer missed ${s.ownStale} of its ${s.writes} orders right after placing them; another client missed ${s.otherStale} of ${s.writes}.`}
        {s.notVisible > 0 && ` ${s.notVisible} orders were still not visible when the probe stopped polling.`}
        {s.errors > 0 && ` ${s.errors} requests failed (not counted as stale).`}
      </p>
      {s.otherStale > 0 && (
        <figure style={{ margin: 0 }}>
          <figcaption className="muted" style={{ fontSize: '0.85rem' }}>
            Time from each order&apos;s 201 until another client&apos;s read found it (ms)
            {result.replica.enabled && (
              <>; the dashed line is the lag knob, {result.replica.lagMs.toLocaleString('en')} ms</>
            )}
          </figcaption>
          <VisibilityChart rows={rows} lagMs={result.replica.enabled ? result.replica.lagMs : null} />
        </figure>
      )}
      <details>
        <summary>
          Every request ({result.samples.length} writes, {result.samples.length * 2} reads)
        </summary>
        <div className="table-wrap">
          <table className="run-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">order</th>
                <th scope="col">writer reads</th>
                <th scope="col">other client reads</th>
                <th scope="col">visible to others after</th>
              </tr>
            </thead>
            <tbody>
              {result.samples.map((x) => (
                <tr key={x.pair}>
                  <td className="num">{x.pair}</td>
                  <td className="num">{x.orderId ?? `write ${x.writeStatus}`}</td>
                  <td>{readCell(x.own)}</td>
                  <td>{readCell(x.other)}</td>
                  <td className="num">{ms(x.visibleAfterMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function Stat({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="stat">
      <div className="stat__value" data-testid={testId}>
        {value}
      </div>
      <div className="stat__label">{label}</div>
    </div>
  );
}

/** Earlier probes on this page, so "eventual" and "read your writes" sit side by side. */
function History({ runs }: { runs: ProbeResult[] }) {
  return (
    <div className="table-wrap">
      <table className="run-table" aria-label="Your probes on this page, newest first">
        <thead>
          <tr>
            <th scope="col">replica</th>
            <th scope="col">writer missed</th>
            <th scope="col">others missed</th>
            <th scope="col">visible after (median)</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.ranAt}>
              <td>{shortSettings(r)}</td>
              <td className="num">
                {r.summary.ownStale} / {r.summary.writes}
              </td>
              <td className="num">
                {r.summary.otherStale} / {r.summary.writes}
              </td>
              <td className="num">{ms(r.summary.medianVisibleAfterMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
