'use client';

import { MAX_CLIENTS } from '@/lib/load/profile';
import { Switch } from '@/components/ui/switch';
import { FieldErrors, NumInput, Segmented } from './form-bits';
import { errorsAt, type ProfileForm } from './profile-form';
import type { FieldProblem } from './run-api';

type Props = {
  form: ProfileForm;
  set: (patch: Partial<ProfileForm>) => void;
  errors: readonly FieldProblem[];
  idPrefix: string;
};

// The form keeps fractions (what the API takes); people think of shares in percent.
const toPct = (f: number) => Math.round(f * 1e6) / 1e4;
const fromPct = (p: number) => p / 100;

/** Which ids are requested: this decides how much a cache can help. */
export function KeyFields({ form, set, errors, idPrefix }: Props) {
  const k = form.keys;
  const keys = (patch: Partial<ProfileForm['keys']>) => set({ keys: { ...k, ...patch } });
  const err = (f: string) => errorsAt(errors, `keys.${f}`);
  return (
    <div className="run-field">
      <div className="knob-sentence">
        <span className="run-label">Ids</span>
        <Segmented
          name={`${idPrefix}-dist`}
          legend="Key distribution"
          value={k.distribution}
          onChange={(distribution) => keys({ distribution })}
          options={[
            { value: 'uniform', label: 'Uniform' },
            { value: 'zipf', label: 'Zipf' },
            { value: 'hot-set', label: 'Hot set' },
          ]}
          testId="run-distribution"
        />
      </div>
      {k.distribution === 'uniform' && (
        <p className="run-hint">Every id is equally likely: the case where caches help least.</p>
      )}
      {k.distribution === 'zipf' && (
        <p className="knob-sentence run-sentence">
          A few ids are popular, with skew{' '}
          <NumInput
            value={k.zipfSkew}
            onChange={(zipfSkew) => keys({ zipfSkew })}
            label="Zipf skew"
            min={0.5}
            max={2}
            step={0.1}
            invalid={err('zipfSkew').length > 0}
            describedBy={`${idPrefix}-zipf-err`}
          />{' '}
          (0.5 mild … 2 extreme).
        </p>
      )}
      {k.distribution === 'hot-set' && (
        <p className="knob-sentence run-sentence">
          <NumInput
            value={toPct(k.hotTrafficFraction)}
            onChange={(p) => keys({ hotTrafficFraction: fromPct(p) })}
            label="Share of traffic to the hot set, percent"
            min={0}
            max={100}
            step="any"
            width="4rem"
            invalid={err('hotTrafficFraction').length > 0}
            describedBy={`${idPrefix}-hot-err`}
          />{' '}
          % of requests go to{' '}
          <NumInput
            value={toPct(k.hotSetFraction)}
            onChange={(p) => keys({ hotSetFraction: fromPct(p) })}
            label="Size of the hot set, percent of ids"
            min={0}
            max={50}
            step="any"
            width="4rem"
            invalid={err('hotSetFraction').length > 0}
            describedBy={`${idPrefix}-hot-err`}
          />{' '}
          % of the ids.
        </p>
      )}
      <FieldErrors id={`${idPrefix}-zipf-err`} label="Skew" messages={err('zipfSkew')} />
      <FieldErrors
        id={`${idPrefix}-hot-err`}
        label="Ids"
        messages={[...err('hotTrafficFraction'), ...err('hotSetFraction'), ...errorsAt(errors, 'keys.distribution')]}
      />
    </div>
  );
}

/** Who sends: many clients share the load (each is its own rate-limit key); one can be greedy. */
export function ClientFields({ form, set, errors, idPrefix }: Props) {
  const c = form.clients;
  const clients = (patch: Partial<ProfileForm['clients']>) => set({ clients: { ...c, ...patch } });
  const countErr = errorsAt(errors, 'clients.count');
  const multErr = errorsAt(errors, 'clients.abusive');
  return (
    <div className="run-field">
      <p className="knob-sentence run-sentence">
        Spread it over{' '}
        <NumInput
          value={c.count}
          onChange={(count) => clients({ count })}
          label="Number of clients"
          min={1}
          max={MAX_CLIENTS}
          invalid={countErr.length > 0}
          describedBy={`${idPrefix}-clients-err`}
        />{' '}
        clients (each its own API key for the rate limiter).
      </p>
      <FieldErrors id={`${idPrefix}-clients-err`} label="Clients" messages={countErr} />
      <Switch
        checked={c.abusive.enabled}
        onChange={(enabled) => clients({ abusive: { ...c.abusive, enabled } })}
        label="One abusive client"
        hint="One client sends many times its fair share: does the rate limiter stop it without hurting the others?"
        testId="run-abusive"
      />
      {c.abusive.enabled && (
        <p className="knob-sentence run-sentence run-indent">
          It sends{' '}
          <NumInput
            value={c.abusive.multiple}
            onChange={(multiple) => clients({ abusive: { ...c.abusive, multiple } })}
            label="Abusive client multiple"
            min={2}
            max={100}
            width="3.8rem"
            invalid={multErr.length > 0}
            describedBy={`${idPrefix}-abuse-err`}
          />{' '}
          × the share of any other client.
        </p>
      )}
      <FieldErrors id={`${idPrefix}-abuse-err`} label="Abusive client" messages={multErr} />
    </div>
  );
}

/** Where the load goes, and the knobs of the generator itself. */
export function TargetFields({ form, set, errors, idPrefix }: Props) {
  const timeoutErr = errorsAt(errors, 'timeoutMs');
  const seedErr = errorsAt(errors, 'seed');
  return (
    <div className="run-field">
      <div className="knob-sentence">
        <span className="run-label">Target</span>
        <Segmented
          name={`${idPrefix}-target`}
          legend="Target"
          value={form.target}
          onChange={(target) => set({ target })}
          testId="run-target"
          options={[
            { value: 'lab', label: 'Lab API' },
            { value: 'front-door', label: 'Through Next.js' },
          ]}
        />
      </div>
      <p className="run-hint">
        {form.target === 'lab'
          ? 'Straight to the lab server: what your API itself costs.'
          : 'Through the /api/v1 front door: adds the cost of a Next.js route handler to every request.'}
      </p>
      <FieldErrors id={`${idPrefix}-target-err`} label="Target" messages={errorsAt(errors, 'target')} />
      <p className="knob-sentence run-sentence">
        Give up on a request after{' '}
        <NumInput
          value={form.timeoutMs}
          onChange={(timeoutMs) => set({ timeoutMs })}
          label="Timeout in milliseconds"
          min={100}
          max={30000}
          width="5rem"
          invalid={timeoutErr.length > 0}
          describedBy={`${idPrefix}-timeout-err`}
        />{' '}
        ms; random seed{' '}
        <NumInput
          value={form.seed}
          onChange={(seed) => set({ seed })}
          label="Random seed (same seed: same ids in the same order)"
          min={0}
          width="5rem"
          invalid={seedErr.length > 0}
          describedBy={`${idPrefix}-seed-err`}
        />
        .
      </p>
      <FieldErrors id={`${idPrefix}-timeout-err`} label="Timeout" messages={timeoutErr} />
      <FieldErrors id={`${idPrefix}-seed-err`} label="Seed" messages={seedErr} />
    </div>
  );
}
