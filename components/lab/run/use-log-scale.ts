'use client';

import { useCallback, useEffect, useState } from 'react';

const KEY = 'scale-lab:latency-log';
const EVENT = 'scale-lab:latency-scale';

/**
 * Linear or log for every latency chart at once (one learner preference, remembered in this
 * browser): flipping it on one chart flips the others, so a comparison never mixes scales.
 */
export function useLogScale(): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const read = () => {
      try {
        setOn(localStorage.getItem(KEY) === '1');
      } catch {
        // storage blocked: stay linear
      }
    };
    read();
    window.addEventListener(EVENT, read);
    return () => window.removeEventListener(EVENT, read);
  }, []);
  const toggle = useCallback(() => {
    setOn((cur) => {
      const next = !cur;
      try {
        localStorage.setItem(KEY, next ? '1' : '0');
      } catch {
        // storage blocked: this chart only
      }
      queueMicrotask(() => window.dispatchEvent(new Event(EVENT)));
      return next;
    });
  }, []);
  return { on, toggle };
}
