'use client';

import { NumberField } from '@/components/ui/number-field';
import { Switch } from '@/components/ui/switch';
import { bounds, KNOB_GROUPS } from '@/lib/knobs/registry';
import { ALGORITHMS, type Algorithm } from '@/lib/rate-limit/algorithms';
import { capitalise, Segmented } from './segmented';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

const HINT: Record<Algorithm, string> = {
  'fixed-window': 'Counts per calendar window; allows a double burst across a boundary.',
  'sliding-window': 'Weighs the previous window in, which smooths the boundary burst.',
  'token-bucket': 'Refills steadily; bursts up to the bucket size.',
};
const WORDS = KNOB_GROUPS.rateLimit.fields.algorithm.words ?? {};

export function RateLimitKnobs({ data, apply, busy }: KnobSectionProps) {
  const r = data.settings.rateLimit;
  return (
    <KnobSection group="rateLimit">
      <Switch
        checked={r.enabled}
        disabled={busy}
        onChange={(enabled) => apply({ rateLimit: { enabled } })}
        label="Limit each client"
        hint="Per X-Client-Id header, or per learner. Over the limit: 429 with Retry-After."
        testId="knob-rate-limit"
      />
      <Segmented
        className="knob-sentence"
        name="rate-limit-algorithm"
        legend="Algorithm"
        options={ALGORITHMS}
        value={r.algorithm}
        disabled={busy || !r.enabled}
        onChange={(algorithm) => apply({ rateLimit: { algorithm } })}
        label={(a) => capitalise(WORDS[a] ?? a)}
      />
      <p className="knob-effect" style={{ margin: 0 }}>
        {HINT[r.algorithm]}
      </p>
      <p className="knob-sentence">
        Allow{' '}
        <NumberField
          label="Requests allowed per window"
          value={r.limit}
          {...bounds('rateLimit', 'limit')}
          disabled={busy || !r.enabled}
          onCommit={(limit) => apply({ rateLimit: { limit } })}
        />{' '}
        requests per{' '}
        <NumberField
          label="Window in seconds"
          value={r.windowSeconds}
          {...bounds('rateLimit', 'windowSeconds')}
          disabled={busy || !r.enabled}
          onCommit={(windowSeconds) => apply({ rateLimit: { windowSeconds } })}
        />{' '}
        s
        {r.algorithm === 'token-bucket' && (
          <>
            , bursts up to{' '}
            <NumberField
              label="Bucket size"
              value={r.burst}
              {...bounds('rateLimit', 'burst')}
              disabled={busy || !r.enabled}
              onCommit={(burst) => apply({ rateLimit: { burst } })}
            />
          </>
        )}
        .
      </p>
      <p className="knob-effect" style={{ margin: 0 }} data-testid="rate-limit-stats">
        {data.rateLimit.allowed.toLocaleString('en')} allowed · {data.rateLimit.limited.toLocaleString('en')} limited
        (429)
      </p>
    </KnobSection>
  );
}
