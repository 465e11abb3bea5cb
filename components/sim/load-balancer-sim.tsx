'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { formatCount, formatMs, formatRatio } from '@/components/lab/run/format';
import type { Strategy } from '@/lib/sim/balancer';
import type { SimResponse } from '@/lib/sim/schemas';
import { useLessonSlug } from '@/components/lesson/lesson-context';
import { runSimulation } from './sim-api';
import { SimControls, type SimForm } from './sim-controls';
import { SimResults } from './sim-results';
import styles from './sim.module.css';
import { ProblemNotice } from '@/components/ui/problem-notice';
import { useSandboxClaim } from '@/components/lab/sandbox-claim';

type Props = {
  /** Names this widget on the page (test ids, radio groups): one per section of a lesson. */
  id: string;
  title?: string;
  instances?: number;
  strategy?: Strategy;
  load?: number;
  cache?: boolean;
  failure?: boolean;
  /** Which controls to show; the lesson hides what a section is not about. */
  controls?: ('strategy' | 'cache' | 'failure')[];
};

const STRATEGY_NAMES: Record<Strategy, string> = {
  'round-robin': 'round robin',
  'least-connections': 'least conn.',
  'ip-hash': 'IP hash',
};

/** `<LoadBalancerSim id="scale"/>`: N simulated instances of the learner's API behind a balancer. */
export function LoadBalancerSim({
  id,
  title = 'Simulate a pool of instances',
  instances = 1,
  strategy = 'round-robin',
  load = 2.5,
  cache = false,
  failure = false,
  controls = [],
}: Props) {
  const sandbox = useSandboxClaim();
  const lesson = useLessonSlug();
  const [form, setForm] = useState<SimForm>({
    instances,
    strategy,
    load,
    durationSec: 20,
    seed: 1,
    cache,
    failureOn: failure,
    failInstance: 2,
    failAtSec: 7,
    healthCheckSec: 2,
    retry: false,
  });
  const [history, setHistory] = useState<SimResponse[]>([]);
  const sim = useMutation({
    mutationFn: () =>
      runSimulation(
        {
          instances: form.instances,
          strategy: form.strategy,
          load: form.load,
          durationSec: form.durationSec,
          seed: form.seed,
          cache: form.cache,
          failure: form.failureOn
            ? {
                instance: form.failInstance,
                atSec: form.failAtSec,
                healthCheckSec: form.healthCheckSec,
                retry: form.retry,
              }
            : null,
        },
        lesson,
      ),
    onSuccess: (data) => setHistory((h) => [...h, data].slice(-8)),
  });
  const latest = sim.data;
  return (
    <section className="widget" aria-label={`Load-balancing simulation: ${title}`} data-testid={`sim-${id}`}>
      <p className="widget__eyebrow">Simulation</p>
      <p className="widget__title">{title}</p>
      <SimControls
        id={id}
        form={form}
        onChange={setForm}
        show={{
          strategy: controls.includes('strategy'),
          cache: controls.includes('cache'),
          failure: controls.includes('failure'),
        }}
      />
      <p style={{ margin: 0, display: 'flex', gap: '0.6rem', alignItems: 'center' }}>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!sandbox.isSuccess || sim.isPending}
          onClick={() => sim.mutate()}
        >
          {sim.isPending ? 'Simulating…' : 'Simulate'}
        </button>
        {!sandbox.isSuccess && <span className="muted">Waiting for your sandbox…</span>}
      </p>
      {sim.isError && <ProblemNotice error={sim.error} action="The simulation did not run" />}
      {latest && <SimResults id={id} data={latest} />}
      {history.length > 1 && (
        <div className={styles.history}>
          <table className="run-table" data-testid={`${id}-history`}>
            <caption className="visually-hidden">Your simulations in this section, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Instances</th>
                <th scope="col">Strategy</th>
                <th scope="col">Cache</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">p99</th>
                <th scope="col">Errors</th>
                <th scope="col">Hit ratio</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{h.request.instances}</td>
                  <td>{STRATEGY_NAMES[h.request.strategy]}</td>
                  <td>{h.request.cache ? 'on' : 'off'}</td>
                  <td>{formatMs(h.result.latencyMs?.p50)}</td>
                  <td>{formatMs(h.result.latencyMs?.p95)}</td>
                  <td>{formatMs(h.result.latencyMs?.p99)}</td>
                  <td>{formatCount(h.result.errors)}</td>
                  <td>{formatRatio(h.result.hitRatio)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
