'use client';

import { useEffect, useState } from 'react';

/**
 * A number inside a sentence ("Cache reads for [60] s"). It commits on Enter or blur, not
 * per keystroke, so typing 600 does not send 6, 60 and 600 to the server.
 */
export function NumberField({
  value,
  onCommit,
  min,
  max,
  label,
  disabled,
  width = '5.5rem',
}: {
  value: number;
  onCommit: (next: number) => void;
  min: number;
  max: number;
  label: string;
  disabled?: boolean;
  width?: string;
}) {
  const [text, setText] = useState(String(value));
  // eslint-disable-next-line react-hooks/set-state-in-effect -- an outside change (the server's value) replaces the text being edited
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n === value) return setText(String(value));
    onCommit(n);
  };
  return (
    <input
      className="input input--inline num"
      type="number"
      inputMode="numeric"
      aria-label={label}
      min={min}
      max={max}
      value={text}
      disabled={disabled}
      style={{ width }}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
    />
  );
}
