'use client';

import { Switch } from '@/components/ui/switch';
import type { KnobSectionProps } from './types';

const WHAT: Record<string, { label: string; hint: string }> = {
  idx_user_email: { label: 'Index users by email', hint: 'Finding a user by email searches the index instead of reading every user.' },
  idx_order_user_id: { label: "Index orders by user", hint: "A user's orders are found directly instead of scanning a million orders." },
  idx_order_created_at: { label: 'Index orders by date', hint: 'Date ranges and newest-first pages seek into the index instead of sorting a scan.' },
};

export function IndexKnobs({ data, apply, busy, building }: KnobSectionProps & { building: string | null }) {
  return (
    <section className="knob-group" aria-labelledby="knobs-indexes">
      <h3 className="panel__section-title" id="knobs-indexes">Indexes</h3>
      {data.indexes.map((ix) => {
        const what = WHAT[ix.name] ?? { label: ix.name, hint: '' };
        const effect = building === ix.name
          ? 'Building…'
          : ix.present
            ? ix.lastBuildMs !== null ? `Built in ${ix.lastBuildMs.toFixed(0)} ms` : 'Present'
            : 'Absent: queries on this column scan the table';
        return (
          <div key={ix.name}>
            <Switch
              checked={ix.present}
              disabled={busy}
              onChange={(on) => apply({ indexes: { [ix.name]: on } })}
              label={what.label}
              hint={<><code>{ix.sql}</code><br />{what.hint}</>}
              testId={`index-${ix.name}`}
            />
            <p className="knob-effect" style={{ margin: '0.25rem 0 0 2.9rem' }} data-testid={`index-${ix.name}-state`}>{effect}</p>
          </div>
        );
      })}
    </section>
  );
}
