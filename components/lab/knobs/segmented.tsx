'use client';

/** A row of radio buttons for an enum knob; each option shows its value, as the API names it. */
export function Segmented<T extends string>({
  name,
  options,
  value,
  onChange,
  disabled,
}: {
  name: string;
  options: readonly T[];
  value: T;
  onChange: (v: T) => void;
  disabled: boolean;
}) {
  return (
    <fieldset disabled={disabled} style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend className="visually-hidden">{name}</legend>
      <span className="segmented">
        {options.map((o) => (
          <label key={o}>
            <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
            {o}
          </label>
        ))}
      </span>
    </fieldset>
  );
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
