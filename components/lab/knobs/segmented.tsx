'use client';

/**
 * A row of radio buttons for an enum knob; each option shows its value as the API names it,
 * unless `label` words it. `legend` names the group for screen readers (default: `name`).
 */
export function Segmented<T extends string>({
  name,
  legend = name,
  options,
  value,
  onChange,
  disabled,
  label = (o) => o,
  className,
}: {
  name: string;
  legend?: string;
  options: readonly T[];
  value: T;
  onChange: (v: T) => void;
  disabled: boolean;
  label?: (option: T) => string;
  className?: string;
}) {
  return (
    <fieldset className={className} disabled={disabled} style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend className="visually-hidden">{legend}</legend>
      <span className="segmented">
        {options.map((o) => (
          <label key={o}>
            <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />
            {label(o)}
          </label>
        ))}
      </span>
    </fieldset>
  );
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
