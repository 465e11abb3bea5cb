'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { claimSandbox, fetchSettings, patchSettings } from '@/components/lab/api-client';
import { LabPanelLazy } from '@/components/lab/lab-panel-lazy';
import type { Experiment } from '@/lib/share/experiment';
import { knobChanges, snapshotOf } from './experiment-view';
import { ProblemNotice } from '@/components/ui/problem-notice';

/**
 * The only place a shared experiment touches anything: the opener's own sandbox (the
 * same-origin cookie names it; the link cannot), and only when they press Apply. Before
 * that it shows what would change in their sandbox; after, their lab with the workload ready.
 */
export function ShareApply({ experiment }: { experiment: Experiment }) {
  const queryClient = useQueryClient();
  const sandbox = useQuery({ queryKey: ['sandbox'], queryFn: claimSandbox, staleTime: Infinity });
  const settings = useQuery({ queryKey: ['settings'], queryFn: fetchSettings, enabled: sandbox.isSuccess });
  const [applied, setApplied] = useState(false);
  const apply = useMutation({
    mutationFn: () => patchSettings(experiment.knobs),
    onSuccess: (result) => {
      queryClient.setQueryData(['settings'], result);
      void queryClient.invalidateQueries({ queryKey: ['explain'] });
      setApplied(true);
    },
  });

  const current = settings.data
    ? snapshotOf(settings.data.settings, Object.fromEntries(settings.data.indexes.map((i) => [i.name, i.present])))
    : null;
  const changes = current && !applied ? knobChanges(current, experiment.knobs) : [];
  const indexBuilds = changes.filter((c) => c.after === 'present').length;

  return (
    <div className="share-apply" data-testid="share-apply">
      {!applied && (
        <section className="panel share-apply__card" aria-labelledby="share-apply-title">
          <div className="panel__header">
            <h2 className="panel__title" id="share-apply-title">
              Your sandbox
            </h2>
            <span className="pill" style={{ marginLeft: 'auto' }} data-testid="share-sandbox">
              {sandbox.data
                ? `sandbox ${sandbox.data.sandboxId.slice(4, 12)}`
                : sandbox.isError
                  ? 'no sandbox'
                  : 'finding your sandbox…'}
            </span>
          </div>
          <div className="panel__body">
            {sandbox.isError && <ProblemNotice error={sandbox.error} action="Could not reach your sandbox" />}
            {settings.isError && <ProblemNotice error={settings.error} action="Could not read your knobs" />}
            {!current && !sandbox.isError && !settings.isError && (
              <div className="skeleton" style={{ height: 90 }} aria-label="Reading your knobs" />
            )}
            {current &&
              (changes.length === 0 ? (
                <p className="muted" data-testid="share-no-changes">
                  Your sandbox already has these knobs. Applying changes nothing; the workload below is still loaded
                  into the Load tab.
                </p>
              ) : (
                <>
                  <p className="share-apply__lead">
                    Applying changes {changes.length} setting{changes.length === 1 ? '' : 's'} of your sandbox:
                  </p>
                  <ul className="share-changes" data-testid="share-changes">
                    {changes.map((c) => (
                      <li key={c.what}>
                        <span>{c.what}</span> <span className="muted num">{c.before}</span>{' '}
                        <span aria-hidden="true">→</span>
                        <span className="visually-hidden">becomes</span> <strong className="num">{c.after}</strong>
                      </li>
                    ))}
                  </ul>
                  {indexBuilds > 0 && (
                    <p className="muted share-apply__note">
                      Building {indexBuilds === 1 ? 'an index' : `${indexBuilds} indexes`} on the full dataset can take
                      a few seconds.
                    </p>
                  )}
                </>
              ))}
            <p className="muted share-apply__note">
              Only your own sandbox changes: your data stays, and nobody else&apos;s lab is touched.
            </p>
            <ProblemNotice error={apply.error} action="Could not apply" testId="share-error" />
            <div>
              <button
                type="button"
                className="btn btn--primary"
                disabled={!current || apply.isPending}
                onClick={() => apply.mutate()}
                data-testid="share-apply-button"
              >
                {apply.isPending ? 'Applying…' : 'Apply to my sandbox'}
              </button>
            </div>
          </div>
        </section>
      )}
      {applied && (
        <>
          <p className="notice notice--ok" role="status" data-testid="share-applied">
            Applied to your sandbox. The workload is filled in on the Load tab below: press <strong>Run</strong> to try
            it.
          </p>
          <LabPanelLazy workload={experiment.workload} initialTab="load" />
        </>
      )}
    </div>
  );
}
