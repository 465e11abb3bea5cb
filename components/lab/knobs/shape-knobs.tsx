'use client';

import { PAGINATION_MODES, type KnobSettings } from '@/lib/knobs/schema';
import type { KnobSectionProps } from './types';

const PAGINATION_HINT: Record<KnobSettings['pagination']['mode'], string> = {
  offset: 'page & limit, with a total. Deep pages make the database walk every skipped row.',
  cursor: 'An opaque cursor to the last row seen: every page costs the same, but no total and no jumping.',
  unbounded: 'Every row in one response (capped at 10,000 for safety): the mistake to measure, not to ship.',
};

export function Segmented<T extends string>({ name, options, value, onChange, disabled }: {
  name: string; options: readonly T[]; value: T; onChange: (v: T) => void; disabled: boolean;
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

export function PaginationKnobs({ data, apply, busy }: KnobSectionProps) {
  const mode = data.settings.pagination.mode;
  return (
    <section className="knob-group" aria-labelledby="knobs-pagination">
      <h3 className="panel__section-title" id="knobs-pagination">Pagination</h3>
      <Segmented name="Pagination mode" options={PAGINATION_MODES} value={mode} disabled={busy} onChange={(m) => apply({ pagination: { mode: m } })} />
      <p className="knob-effect" style={{ margin: 0 }}>{PAGINATION_HINT[mode]}</p>
    </section>
  );
}

export function QueryShapeKnobs({ data, apply, busy }: KnobSectionProps) {
  const expand = data.settings.queryShape.expand;
  return (
    <section className="knob-group" aria-labelledby="knobs-query-shape">
      <h3 className="panel__section-title" id="knobs-query-shape">Loading related rows</h3>
      <Segmented name="How ?expand=product loads products" options={['n-plus-one', 'join'] as const} value={expand} disabled={busy}
        onChange={(e) => apply({ queryShape: { expand: e } })} />
      <p className="knob-effect" style={{ margin: 0 }}>
        {expand === 'n-plus-one'
          ? 'GET /users/{id}/orders?expand=product runs one product query per order (N+1).'
          : 'GET /users/{id}/orders?expand=product loads every product of the page in one query.'}
      </p>
    </section>
  );
}
