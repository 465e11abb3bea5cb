'use client';

import { EXPAND_STRATEGIES, PAGINATION_MODES, type KnobSettings } from '@/lib/knobs/schema';
import { Segmented } from './segmented';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

const PAGINATION_HINT: Record<KnobSettings['pagination']['mode'], string> = {
  offset: 'page & limit, with a total. Deep pages make the database walk every skipped row.',
  cursor: 'An opaque cursor to the last row seen: every page costs the same, but no total and no jumping.',
  unbounded: 'Every row in one response (capped at 10,000 for safety): the mistake to measure, not to ship.',
};

export function PaginationKnobs({ data, apply, busy }: KnobSectionProps) {
  const mode = data.settings.pagination.mode;
  return (
    <KnobSection group="pagination">
      <Segmented
        name="Pagination mode"
        options={PAGINATION_MODES}
        value={mode}
        disabled={busy}
        onChange={(m) => apply({ pagination: { mode: m } })}
      />
      <p className="knob-effect" style={{ margin: 0 }}>
        {PAGINATION_HINT[mode]}
      </p>
    </KnobSection>
  );
}

export function QueryShapeKnobs({ data, apply, busy }: KnobSectionProps) {
  const expand = data.settings.queryShape.expand;
  return (
    <KnobSection group="queryShape">
      <Segmented
        name="How ?expand=product loads products"
        options={EXPAND_STRATEGIES}
        value={expand}
        disabled={busy}
        onChange={(e) => apply({ queryShape: { expand: e } })}
      />
      <p className="knob-effect" style={{ margin: 0 }}>
        {expand === 'n-plus-one'
          ? 'GET /users/{id}/orders?expand=product runs one product query per order (N+1).'
          : 'GET /users/{id}/orders?expand=product loads every product of the page in one query.'}
      </p>
    </KnobSection>
  );
}
