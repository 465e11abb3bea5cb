'use client';

import { useState, type ReactNode } from 'react';
import type { KnobGroup } from '@/lib/knobs/registry';
import { RequestScratchpad } from './request-scratchpad';

type Mode = 'form' | 'scratchpad';

/**
 * The Request tab: the one-line form, or the .http scratchpad for headers, bodies and
 * several requests. The scratchpad stays mounted once opened, so its text and last response
 * survive switching back and forth.
 */
export function RequestModes({
  form,
  ready,
  knobs,
  defaultPath,
}: {
  form: ReactNode;
  ready: boolean;
  knobs?: KnobGroup[];
  defaultPath?: string;
}) {
  const [mode, setMode] = useState<Mode>('form');
  const [opened, setOpened] = useState(false);
  const choose = (m: Mode) => {
    setMode(m);
    if (m === 'scratchpad') setOpened(true);
  };
  return (
    <div className="knob-group">
      <div className="segmented request-modes" role="radiogroup" aria-label="How to write the request">
        {(['form', 'scratchpad'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="request-mode" value={m} checked={mode === m} onChange={() => choose(m)} />
            {m === 'form' ? 'Quick form' : 'Scratchpad (.http)'}
          </label>
        ))}
      </div>
      <div hidden={mode !== 'form'}>{form}</div>
      {opened && (
        <div hidden={mode !== 'scratchpad'}>
          <RequestScratchpad ready={ready} knobs={knobs} defaultPath={defaultPath} />
        </div>
      )}
    </div>
  );
}
