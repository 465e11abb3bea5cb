'use client';

import { Switch } from '@/components/ui/switch';
import { INDEXES } from '@/lib/knobs/registry';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

export function IndexKnobs({ data, apply, busy, building }: KnobSectionProps & { building: string | null }) {
  return (
    <KnobSection id="indexes" title="Indexes">
      {data.indexes.map((ix) => {
        const what = INDEXES[ix.name];
        const effect =
          building === ix.name
            ? 'Building…'
            : ix.present
              ? ix.lastBuildMs !== null
                ? `Built in ${ix.lastBuildMs.toFixed(0)} ms`
                : 'Present'
              : 'Absent: queries on this column scan the table';
        return (
          <div key={ix.name}>
            <Switch
              checked={ix.present}
              disabled={busy}
              onChange={(on) => apply({ indexes: { [ix.name]: on } })}
              label={what.label}
              hint={
                <>
                  <code>{ix.sql}</code>
                  <br />
                  {what.hint}
                </>
              }
              testId={`index-${ix.name}`}
            />
            <p className="knob-effect" style={{ margin: '0.25rem 0 0 2.9rem' }} data-testid={`index-${ix.name}-state`}>
              {effect}
            </p>
          </div>
        );
      })}
    </KnobSection>
  );
}
