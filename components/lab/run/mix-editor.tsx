'use client';

import { ENDPOINT_KEYS, ENDPOINTS, type EndpointKey } from '@/lib/load/endpoints';
import { FieldErrors, NumInput } from './form-bits';
import { formatPct } from './format';
import { canAddEndpoint, errorsAt, mixShares, nextEndpoint, type ProfileForm } from './profile-form';
import type { FieldProblem } from './run-api';

type Mix = ProfileForm['mix'];

/** Which endpoints the load hits, by weight; the share column turns weights into what they mean. */
export function MixEditor({
  mix,
  onChange,
  errors,
  idPrefix,
}: {
  mix: Mix;
  onChange: (next: Mix) => void;
  errors: readonly FieldProblem[];
  idPrefix: string;
}) {
  const shares = mixShares(mix);
  const set = (i: number, patch: Partial<Mix[number]>) =>
    onChange(mix.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const general = errorsAt(errors, 'mix', true);
  return (
    <div className="run-mix" role="group" aria-labelledby={`${idPrefix}-mix`}>
      <div className="run-mix__head">
        <span id={`${idPrefix}-mix`} className="run-label">
          Endpoints
        </span>
        <span className="run-mix__col">weight</span>
        <span className="run-mix__col">share</span>
      </div>
      {mix.map((m, i) => {
        const rowErrors = errorsAt(errors, `mix.${i}`);
        const errId = `${idPrefix}-mix-${i}-err`;
        const label = ENDPOINTS[m.endpoint]?.label ?? m.endpoint;
        return (
          <div key={i} className="run-mix__row">
            <select
              className="input run-mix__endpoint"
              value={m.endpoint}
              aria-label={`Endpoint ${i + 1}`}
              aria-invalid={rowErrors.length > 0 || undefined}
              aria-describedby={rowErrors.length ? errId : undefined}
              onChange={(e) => set(i, { endpoint: e.target.value as EndpointKey })}
              data-testid={`mix-endpoint-${i}`}
            >
              {ENDPOINT_KEYS.map((k) => (
                <option key={k} value={k} disabled={k !== m.endpoint && mix.some((o) => o.endpoint === k)}>
                  {ENDPOINTS[k].label}
                </option>
              ))}
            </select>
            <NumInput
              value={m.weight}
              onChange={(weight) => set(i, { weight })}
              label={`Weight of ${label}`}
              min={0}
              max={1000}
              step="any"
              width="3.8rem"
              invalid={rowErrors.length > 0}
              describedBy={errId}
              testId={`mix-weight-${i}`}
            />
            <span className="num run-mix__share">{formatPct(Math.round(shares[i] ?? 0))}</span>
            <button
              type="button"
              className="btn btn--ghost run-mix__remove"
              aria-label={`Remove ${label}`}
              disabled={mix.length === 1}
              onClick={() => onChange(mix.filter((_, j) => j !== i))}
            >
              ×
            </button>
            <FieldErrors id={errId} messages={rowErrors} />
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn--ghost run-mix__add"
        disabled={!canAddEndpoint(mix)}
        onClick={() => onChange([...mix, { endpoint: nextEndpoint(mix), weight: 1 }])}
      >
        + Add endpoint
      </button>
      <FieldErrors id={`${idPrefix}-mix-err`} messages={general} />
    </div>
  );
}
