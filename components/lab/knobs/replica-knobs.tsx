'use client';

import { NumberField } from '@/components/ui/number-field';
import { Switch } from '@/components/ui/switch';
import { bounds } from '@/lib/knobs/registry';
import { REPLICA_CONSISTENCY, type KnobSettings } from '@/lib/knobs/schema';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

const CONSISTENCY: Record<KnobSettings['replica']['consistency'], { label: string; hint: string }> = {
  eventual: { label: 'Eventual', hint: 'Every read goes to the replica, even right after your own write.' },
  'read-your-writes': {
    label: 'Read your writes',
    hint: 'After a client writes, its reads go to the primary until the replica has replayed that write.',
  },
};

export function ReplicaKnobs({ data, apply, busy }: KnobSectionProps) {
  const r = data.settings.replica;
  return (
    <KnobSection group="replica">
      <Switch
        checked={r.enabled}
        disabled={busy}
        onChange={(enabled) => apply({ replica: { enabled } })}
        label="Serve reads from a replica"
        hint="A second SQLite file, copied from your sandbox and kept in sync from a log of its writes. Writes still go to the primary."
        testId="knob-replica"
      />
      <p className="knob-sentence">
        Replay each write{' '}
        <NumberField
          label="Replica lag in milliseconds"
          value={r.lagMs}
          {...bounds('replica', 'lagMs')}
          disabled={busy || !r.enabled}
          onCommit={(lagMs) => apply({ replica: { lagMs } })}
        />{' '}
        ms after it commits.
      </p>
      <fieldset
        className="knob-sentence"
        disabled={busy || !r.enabled}
        style={{ border: 'none', padding: 0, margin: 0 }}
      >
        <legend className="visually-hidden">Consistency</legend>
        <span className="segmented">
          {REPLICA_CONSISTENCY.map((c) => (
            <label key={c}>
              <input
                type="radio"
                name="replica-consistency"
                value={c}
                checked={r.consistency === c}
                onChange={() => apply({ replica: { consistency: c } })}
              />
              {CONSISTENCY[c].label}
            </label>
          ))}
        </span>
      </fieldset>
      <p className="knob-effect" style={{ margin: 0 }}>
        {CONSISTENCY[r.consistency].hint}
      </p>
    </KnobSection>
  );
}
