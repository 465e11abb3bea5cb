'use client';

import { useEffect, useId, useState } from 'react';
import { DEFAULT_LOAD_LIMITS, type LoadProfileInput } from '@/lib/load/profile';
import { FieldErrors, NumInput, Segmented } from './form-bits';
import { formatRps } from './format';
import { MixEditor } from './mix-editor';
import { errorsAt, FORM_FIELDS, initialForm, unclaimedErrors, type ProfileForm } from './profile-form';
import { problemSentence, type ProblemError } from '@/lib/client/control-client';
import { RunProgress } from './run-progress';
import { ClientFields, KeyFields, TargetFields } from './traffic-fields';

export type Progress = { elapsedSec: number; durationSec: number; pct: number; inFlight: number | null };

const MODEL_HINT = {
  'constant-arrival':
    'Requests leave on schedule whether or not earlier ones have answered, as real users do. A slow server shows up as latency instead of hiding it: no coordinated omission.',
  'virtual-users':
    'Each user waits for an answer before sending again, so a slow server is sent less work and its latency looks better than a crowd would see (coordinated omission).',
} as const;

/** Seconds until a busy server wants us back, ticking once a second. */
function useSecondsUntil(untilMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (untilMs === null) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new deadline counts from now, not from the last tick
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [untilMs]);
  return untilMs === null ? 0 : Math.max(0, Math.ceil((untilMs - now) / 1000));
}

/**
 * The load profile as sentences ("Send [200] requests/s for [10] s"), with Run and Stop and a
 * progress bar. The form is local state; `preset` lets a lesson start from its own workload.
 */
export function RunControls({
  preset,
  running,
  starting,
  stopping,
  problem,
  busyUntil,
  progress,
  onStart,
  onStop,
}: {
  preset?: Partial<LoadProfileInput>;
  running: boolean;
  starting: boolean;
  stopping: boolean;
  problem: ProblemError | null;
  busyUntil: number | null;
  progress: Progress | null;
  onStart: (profile: ProfileForm) => void;
  onStop: () => void;
}) {
  const presetKey = JSON.stringify(preset ?? {});
  const [form, setForm] = useState(() => initialForm(preset));
  // A new preset (another lesson) replaces the form; re-renders with an equal preset do not.
  // eslint-disable-next-line react-hooks/set-state-in-effect, react-hooks/exhaustive-deps -- the form is the learner's until a different preset (compared by value) arrives
  useEffect(() => setForm(initialForm(preset)), [presetKey]);
  const set = (patch: Partial<ProfileForm>) => setForm((f) => ({ ...f, ...patch }));
  const id = useId().replace(/:/g, '');
  const errors = problem?.status === 422 ? problem.fieldErrors : [];
  const err = (field: string) => errorsAt(errors, field);
  const busyFor = useSecondsUntil(busyUntil);
  const detailErrors = errors.some((e) => /^(keys|clients|target|timeoutMs|seed)\b/.test(e.field));
  const [detailsOpen, setDetailsOpen] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- open the section that holds the field the server refused, once, when it is refused
    if (detailErrors) setDetailsOpen(true);
  }, [detailErrors]);
  const open = form.model === 'constant-arrival';
  const durationField = (
    <NumInput
      value={form.durationSec}
      onChange={(durationSec) => set({ durationSec })}
      label="Duration in seconds"
      min={1}
      max={DEFAULT_LOAD_LIMITS.maxDurationSec}
      invalid={err('durationSec').length > 0}
      describedBy={`${id}-dur-err`}
      width="3.8rem"
      testId="run-duration"
    />
  );
  const rampField = (
    <NumInput
      value={form.rampUpSec}
      onChange={(rampUpSec) => set({ rampUpSec })}
      label="Ramp-up in seconds"
      min={0}
      max={DEFAULT_LOAD_LIMITS.maxDurationSec}
      step="any"
      width="3.5rem"
      invalid={err('rampUpSec').length > 0}
      describedBy={`${id}-ramp-err`}
    />
  );
  const summary = `${form.keys.distribution === 'hot-set' ? 'hot-set' : form.keys.distribution} ids · ${form.clients.count} client${form.clients.count === 1 ? '' : 's'}${form.clients.abusive.enabled ? ' + 1 abusive' : ''} · ${form.target === 'lab' ? 'lab API' : 'through Next.js'}`;

  return (
    // noValidate: the server's 422 says what is wrong and what the limit is; the browser's bubble says less.
    <form
      className="run-controls"
      aria-label="Load run"
      data-testid="run-controls"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!running && !starting && busyFor === 0) onStart(form);
      }}
    >
      <fieldset className="run-fieldset" disabled={running || starting}>
        <legend className="visually-hidden">Load profile</legend>
        <Segmented
          name={`${id}-model`}
          legend="Load model"
          value={form.model}
          onChange={(model) => set({ model })}
          testId="run-model"
          options={[
            { value: 'constant-arrival', label: 'Fixed rate (open)' },
            { value: 'virtual-users', label: 'Users in a loop (closed)' },
          ]}
        />
        <p className="run-hint">{MODEL_HINT[form.model]}</p>
        {open ? (
          <p className="knob-sentence run-sentence">
            Send{' '}
            <NumInput
              value={form.rate}
              onChange={(rate) => set({ rate })}
              label="Requests per second"
              min={1}
              max={DEFAULT_LOAD_LIMITS.maxRate}
              step="any"
              invalid={err('rate').length > 0}
              describedBy={`${id}-rate-err`}
              testId="run-rate"
            />{' '}
            requests/s for {durationField} s, reaching full rate after {rampField} s.
            {form.spike && form.spike.multiple > 1 && (
              <span data-testid="run-spike">
                {' '}
                Spike: ×{form.spike.multiple} ({formatRps(form.rate * form.spike.multiple)}) from {form.spike.atSec} s
                for {form.spike.forSec} s.
              </span>
            )}
          </p>
        ) : (
          <p className="knob-sentence run-sentence">
            Run{' '}
            <NumInput
              value={form.users}
              onChange={(users) => set({ users })}
              label="Number of virtual users"
              min={1}
              max={DEFAULT_LOAD_LIMITS.maxUsers}
              invalid={err('users').length > 0}
              describedBy={`${id}-users-err`}
              testId="run-users"
            />{' '}
            users in a loop for {durationField} s, each waiting{' '}
            <NumInput
              value={form.thinkTimeMs}
              onChange={(thinkTimeMs) => set({ thinkTimeMs })}
              label="Think time in milliseconds"
              min={0}
              max={10000}
              width="4.5rem"
              invalid={err('thinkTimeMs').length > 0}
              describedBy={`${id}-think-err`}
            />{' '}
            ms between requests, starting over {rampField} s.
          </p>
        )}
        <FieldErrors id={`${id}-rate-err`} label="Rate" messages={open ? err('rate') : []} />
        <FieldErrors id={`${id}-users-err`} label="Users" messages={open ? [] : err('users')} />
        <FieldErrors id={`${id}-think-err`} label="Think time" messages={open ? [] : err('thinkTimeMs')} />
        <FieldErrors id={`${id}-dur-err`} label="Duration" messages={err('durationSec')} />
        <FieldErrors id={`${id}-ramp-err`} label="Ramp-up" messages={err('rampUpSec')} />
        <MixEditor mix={form.mix} onChange={(mix) => set({ mix })} errors={errors} idPrefix={id} />
        <details className="run-details" open={detailsOpen} onToggle={(e) => setDetailsOpen(e.currentTarget.open)}>
          <summary>
            Traffic shape <span className="muted">· {summary}</span>
          </summary>
          <KeyFields form={form} set={set} errors={errors} idPrefix={id} />
          <ClientFields form={form} set={set} errors={errors} idPrefix={id} />
          <TargetFields form={form} set={set} errors={errors} idPrefix={id} />
        </details>
      </fieldset>

      {problem && (
        <div
          className={`notice ${problem.status === 503 || problem.status === 429 ? 'notice--warn' : 'notice--bad'}`}
          role="alert"
          data-testid="run-problem"
        >
          {problem.status === 503
            ? // The server says why (its budget, a paused room); the countdown says when.
              busyFor > 0
              ? `${problem.detail.replace(/\s*Try again in \d+ s\.?$/, '')} You can try again in ${busyFor} s.`
              : 'The server had no room a moment ago; try again now.'
            : problem.status === 422
              ? 'Some settings are out of range: see the messages beside them.'
              : problemSentence(problem)}
          {unclaimedErrors(errors, FORM_FIELDS).map((e) => (
            <div key={e.field + e.detail}>
              {e.field}: {e.detail}
            </div>
          ))}
        </div>
      )}
      <div className="run-actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={running || starting || busyFor > 0}
          data-testid="run-start"
        >
          {starting ? 'Starting…' : busyFor > 0 ? `Run (in ${busyFor} s)` : 'Run'}
        </button>
        <button type="button" className="btn" disabled={!running || stopping} onClick={onStop} data-testid="run-stop">
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
        {progress && <RunProgress {...progress} />}
      </div>
    </form>
  );
}
