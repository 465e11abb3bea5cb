'use client';

import { useEffect, useState, type ReactNode } from 'react';

/**
 * Small inputs for the run form. Unlike the knob panel's NumberField (which commits to the
 * server on blur), these only edit local state, so they update on every keystroke and an
 * empty field stays empty (sent as null, answered with a 422 beside the field).
 */
export function NumInput({
  value,
  onChange,
  label,
  min,
  max,
  step,
  width = '4.5rem',
  invalid,
  describedBy,
  testId,
}: {
  value: number;
  onChange: (next: number) => void;
  label: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  width?: string;
  invalid?: boolean;
  describedBy?: string;
  testId?: string;
}) {
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : '');
  useEffect(() => {
    // Follow changes from outside (a new preset) without fighting the learner's typing.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the field's text is the learner's; only an outside change replaces it
    setText((t) => (Number(t) === value || (t === '' && Number.isNaN(value)) ? t : String(value)));
  }, [value]);
  return (
    <input
      className="input input--inline num"
      type="number"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? describedBy : undefined}
      min={min}
      max={max}
      step={step}
      value={text}
      style={{ width }}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value));
      }}
    />
  );
}

/**
 * A 422 message under the sentence it is about, named ("Duration: must be at most 60 s")
 * because a sentence can hold several fields; role=alert so it is read when it appears.
 */
export function FieldErrors({ id, label, messages }: { id: string; label?: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p className="run-field-error" id={id} role="alert">
      {label ? `${label}: ` : ''}
      {messages.join('; ')}
    </p>
  );
}

/** Radio buttons that look like a segmented control: arrow keys move between options for free. */
export function Segmented<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  testId,
}: {
  name: string;
  legend: string;
  value: T;
  options: readonly { value: T; label: ReactNode }[];
  onChange: (next: T) => void;
  testId?: string;
}) {
  return (
    <fieldset className="run-segmented-field" data-testid={testId}>
      <legend className="visually-hidden">{legend}</legend>
      <div className="segmented">
        {options.map((o) => (
          <label key={o.value}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
