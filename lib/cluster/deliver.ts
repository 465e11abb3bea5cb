import type { DeliveredSignal } from './types';

/** Hands a signal to every subscriber; one that throws is logged and the others still get it. */
export function deliverSignal(
  subscribers: Iterable<(d: DeliveredSignal) => void>,
  d: DeliveredSignal,
  log: (msg: string) => void,
): void {
  for (const fn of subscribers) {
    try {
      fn(d);
    } catch (err) {
      log(`a subscriber failed on ${d.signal.type} (seq ${d.seq}): ${(err as Error).message}`);
    }
  }
}

export const warnSignals = (msg: string) => console.warn(`Scale Lab signals: ${msg}`);
