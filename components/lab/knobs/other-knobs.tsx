'use client';

import { knobDifferences, knobState } from '@/lib/knobs/diff';
import type { KnobGroup } from '@/lib/knobs/registry';
import { DEFAULT_SETTINGS } from '@/lib/knobs/schema';
import { KnobSection } from './knob-section';
import type { KnobSectionProps } from './types';

const DEFAULT_STATE = knobState(DEFAULT_SETTINGS, []);

/**
 * Knobs outside the groups this lesson shows that are not at their defaults. Every run
 * measures them, so they are never hidden: each is named in words with a way back.
 */
export function OtherKnobs({ data, apply, busy, shown }: KnobSectionProps & { shown: readonly KnobGroup[] }) {
  const changed = knobDifferences(knobState(data.settings, data.indexes), DEFAULT_STATE).filter(
    (d) => !shown.includes(d.group),
  );
  if (changed.length === 0) return null;
  return (
    <KnobSection id="others" title="Also changed in your sandbox" testId="knobs-elsewhere">
      <p className="knob-effect" style={{ margin: 0 }}>
        Not part of this lesson, but every run you make measures them too.
      </p>
      <ul className="knob-others">
        {changed.map((d) => (
          <li key={d.key} data-testid={`knob-elsewhere-${d.key}`}>
            <span>
              <strong>{d.label}</strong>: {d.current} <span className="muted">(default: {d.target})</span>
            </span>
            <button
              type="button"
              className="btn btn--small"
              disabled={busy}
              onClick={() => apply(d.patch)}
              aria-label={`Turn ${d.label} back to its default, ${d.target}`}
            >
              Turn back
            </button>
          </li>
        ))}
      </ul>
    </KnobSection>
  );
}
