'use client';

import { NumberField } from '@/components/ui/number-field';
import { Switch } from '@/components/ui/switch';
import type { KnobSettings } from '@/lib/knobs/schema';
import type { KnobSectionProps } from './types';

const ALGORITHMS: { value: KnobSettings['rateLimit']['algorithm']; label: string; hint: string }[] = [
  { value: 'fixed-window', label: 'Fixed window', hint: 'Counts per calendar window; allows a double burst across a boundary.' },
  { value: 'sliding-window', label: 'Sliding window', hint: 'Weighs the previous window in, which smooths the boundary burst.' },
  { value: 'token-bucket', label: 'Token bucket', hint: 'Refills steadily; bursts up to the bucket size.' },
];

export function RateLimitKnobs({ data, apply, busy }: KnobSectionProps) {
  const r = data.settings.rateLimit;
  const algo = ALGORITHMS.find((a) => a.value === r.algorithm);
  return (
    <section className="knob-group" aria-labelledby="knobs-rate-limit">
      <h3 className="panel__section-title" id="knobs-rate-limit">Rate limiting</h3>
      <Switch checked={r.enabled} disabled={busy} onChange={(enabled) => apply({ rateLimit: { enabled } })}
        label="Limit each client" hint="Per X-Client-Id header, or per learner. Over the limit: 429 with Retry-After." testId="knob-rate-limit" />
      <fieldset className="knob-sentence" disabled={busy || !r.enabled} style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend className="visually-hidden">Algorithm</legend>
        <span className="segmented">
          {ALGORITHMS.map((a) => (
            <label key={a.value}>
              <input type="radio" name="rate-limit-algorithm" value={a.value} checked={r.algorithm === a.value} onChange={() => apply({ rateLimit: { algorithm: a.value } })} />
              {a.label}
            </label>
          ))}
        </span>
      </fieldset>
      {algo && <p className="knob-effect" style={{ margin: 0 }}>{algo.hint}</p>}
      <p className="knob-sentence">
        Allow <NumberField label="Requests allowed per window" value={r.limit} min={1} max={1000000} disabled={busy || !r.enabled} onCommit={(limit) => apply({ rateLimit: { limit } })} /> requests
        per <NumberField label="Window in seconds" value={r.windowSeconds} min={1} max={3600} disabled={busy || !r.enabled} onCommit={(windowSeconds) => apply({ rateLimit: { windowSeconds } })} /> s
        {r.algorithm === 'token-bucket' && (
          <>, bursts up to <NumberField label="Bucket size" value={r.burst} min={1} max={1000000} disabled={busy || !r.enabled} onCommit={(burst) => apply({ rateLimit: { burst } })} /></>
        )}.
      </p>
      <p className="knob-effect" style={{ margin: 0 }} data-testid="rate-limit-stats">
        {data.rateLimit.allowed.toLocaleString('en')} allowed · {data.rateLimit.limited.toLocaleString('en')} limited (429)
      </p>
    </section>
  );
}
