'use client';

import { NumberField } from '@/components/ui/number-field';
import { bounds } from '@/lib/knobs/registry';
import { WRITE_MODES, type KnobSettings } from '@/lib/knobs/schema';
import { Segmented } from './segmented';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

const MODE_HINT: Record<KnobSettings['writes']['mode'], string> = {
  sync: 'POST /orders does the slow work, then answers 201 with the order: the client waits for all of it.',
  queued:
    'POST /orders stores a job and answers 202 with a Location to /api/v1/jobs/{id}; a worker in the lab server places the order later.',
};

/** The slow-write knobs: where the work happens (in the request or in a queue) and what it costs. */
export function WriteKnobs({ data, apply, busy }: KnobSectionProps) {
  const w = data.settings.writes;
  // Derived from the settings above, not measured: the most orders per second the workers can place.
  const drainPerSec = w.processingMs > 0 ? (w.workers * 1000) / w.processingMs : null;
  return (
    <KnobSection group="writes" testId="knob-writes">
      <Segmented
        name="How POST /orders does its slow work"
        options={WRITE_MODES}
        value={w.mode}
        disabled={busy}
        onChange={(mode) => apply({ writes: { mode } })}
      />
      <p className="knob-effect" style={{ margin: 0 }}>
        {MODE_HINT[w.mode]}
      </p>
      <p className="knob-sentence">
        Each order waits{' '}
        <NumberField
          label="Processing time per order in ms"
          value={w.processingMs}
          {...bounds('writes', 'processingMs')}
          disabled={busy}
          onCommit={(processingMs) => apply({ writes: { processingMs } })}
        />{' '}
        ms for its slow work.
      </p>
      <p className="knob-effect" style={{ margin: 0 }}>
        A stand-in for a payment call: a cost you set, not one measured here.
      </p>
      <p className="knob-sentence">
        <NumberField
          label="Queue workers"
          value={w.workers}
          {...bounds('writes', 'workers')}
          width="4rem"
          disabled={busy || w.mode !== 'queued'}
          onCommit={(workers) => apply({ writes: { workers } })}
        />{' '}
        {w.workers === 1 ? 'worker drains' : 'workers drain'} the queue.
      </p>
      <p className="knob-sentence">
        At most{' '}
        <NumberField
          label="Queue limit in orders"
          value={w.queueLimit}
          {...bounds('writes', 'queueLimit')}
          width="5rem"
          disabled={busy || w.mode !== 'queued'}
          onCommit={(queueLimit) => apply({ writes: { queueLimit } })}
        />{' '}
        orders wait; one more gets 503.
      </p>
      {w.mode === 'queued' && (
        <p className="knob-effect" style={{ margin: 0 }}>
          {drainPerSec === null
            ? 'With no processing time, the workers are limited only by SQLite.'
            : `From these settings, the workers place at most ${drainPerSec.toLocaleString('en', { maximumFractionDigits: 1 })} orders/s; send more and the queue grows.`}
        </p>
      )}
    </KnobSection>
  );
}
