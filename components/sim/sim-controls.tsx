'use client';

import { NumInput, Segmented } from '@/components/lab/run/form-bits';
import type { Strategy } from '@/lib/sim/balancer';
import styles from './sim.module.css';

export type SimForm = {
  instances: number;
  strategy: Strategy;
  load: number;
  durationSec: number;
  seed: number;
  cache: boolean;
  failureOn: boolean;
  failInstance: number;
  failAtSec: number;
  healthCheckSec: number;
  retry: boolean;
};

const STRATEGY_OPTIONS = [
  { value: 'round-robin', label: 'Round robin' },
  { value: 'least-connections', label: 'Least connections' },
  { value: 'ip-hash', label: 'IP hash' },
] as const;

/** The simulation's knobs, read as sentences; `show` hides what a section of the lesson is not about. */
export function SimControls({
  id,
  form,
  onChange,
  show,
}: {
  id: string;
  form: SimForm;
  onChange: (next: SimForm) => void;
  show: { strategy: boolean; cache: boolean; failure: boolean };
}) {
  const set = <K extends keyof SimForm>(key: K, value: SimForm[K]) => onChange({ ...form, [key]: value });
  return (
    <fieldset className={styles.controls}>
      <legend className="visually-hidden">Simulation settings</legend>
      <div className={styles.row}>
        <label>
          Run{' '}
          <NumInput
            label="Instances"
            value={form.instances}
            min={1}
            max={16}
            width="3.5rem"
            testId={`${id}-instances`}
            onChange={(n) => set('instances', n)}
          />{' '}
          instances
        </label>
        <label>
          at{' '}
          <NumInput
            label="Offered load"
            value={form.load}
            min={0.05}
            max={12}
            step={0.1}
            width="4rem"
            onChange={(n) => set('load', n)}
          />
          × what one instance can serve,
        </label>
        <label>
          for{' '}
          <NumInput
            label="Simulated seconds"
            value={form.durationSec}
            min={2}
            max={60}
            width="3.5rem"
            onChange={(n) => set('durationSec', n)}
          />{' '}
          s
        </label>
        <label>
          seed <NumInput label="Seed" value={form.seed} min={0} width="4rem" onChange={(n) => set('seed', n)} />
        </label>
      </div>
      {show.strategy && (
        <div className={styles.row}>
          <span>Balance with</span>
          <Segmented
            name={`${id}-strategy`}
            legend="Balancing strategy"
            value={form.strategy}
            options={STRATEGY_OPTIONS}
            onChange={(v) => set('strategy', v)}
            testId={`${id}-strategy`}
          />
        </div>
      )}
      {show.cache && (
        <div className={styles.row}>
          <label>
            <input type="checkbox" checked={form.cache} onChange={(e) => set('cache', e.target.checked)} />
            Each instance caches its last 100 clients&apos; data
          </label>
        </div>
      )}
      {show.failure && (
        <div className={styles.row}>
          <label>
            <input type="checkbox" checked={form.failureOn} onChange={(e) => set('failureOn', e.target.checked)} />{' '}
            Crash instance
          </label>
          <NumInput
            label="Instance that crashes"
            value={form.failInstance}
            min={1}
            max={16}
            width="3rem"
            onChange={(n) => set('failInstance', n)}
          />
          <label>
            at{' '}
            <NumInput
              label="Crash time"
              value={form.failAtSec}
              min={0.5}
              max={59}
              step={0.5}
              width="3.5rem"
              onChange={(n) => set('failAtSec', n)}
            />{' '}
            s;
          </label>
          <label>
            health check every{' '}
            <NumInput
              label="Health check interval"
              value={form.healthCheckSec}
              min={0.5}
              max={10}
              step={0.5}
              width="3.5rem"
              onChange={(n) => set('healthCheckSec', n)}
            />{' '}
            s;
          </label>
          <label>
            <input type="checkbox" checked={form.retry} onChange={(e) => set('retry', e.target.checked)} /> retry a
            failed request once
          </label>
        </div>
      )}
    </fieldset>
  );
}
