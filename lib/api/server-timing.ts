/** Formats a Server-Timing header (W3C): name;dur=ms;desc="text", comma separated. */
export type TimingEntry = { name: string; dur?: number; desc?: string };

/**
 * `ms.toFixed(2)` for a duration, without the call into the runtime that toFixed makes (every
 * response formats two or three; callgrind counted ~450 instructions for each toFixed).
 * Math.round(ms * 100) is exact except where the product lands on a half, which toFixed may
 * round either way from the true binary value: those (and anything odd) go to toFixed itself.
 */
export function fixed2(ms: number): string {
  if (!(ms >= 0 && ms < 1e9)) return ms.toFixed(2);
  const scaled = ms * 100;
  const cents = Math.round(scaled);
  if (cents - scaled === 0.5) return ms.toFixed(2);
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

export function serverTiming(entries: TimingEntry[]): string {
  return entries
    .map((e) => {
      let s = e.name;
      if (e.dur !== undefined) s += `;dur=${fixed2(e.dur)}`;
      if (e.desc !== undefined) s += `;desc="${e.desc.replace(/["\\]/g, '')}"`;
      return s;
    })
    .join(', ');
}

/** Parses a Server-Timing header back into entries (for the lab panel and tests). */
export function parseServerTiming(header: string | null | undefined): TimingEntry[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [name = '', ...params] = part.split(';').map((s) => s.trim());
      const entry: TimingEntry = { name };
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq < 0) continue;
        const key = p.slice(0, eq).trim();
        const value = p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1');
        if (key === 'dur' && Number.isFinite(Number(value))) entry.dur = Number(value);
        if (key === 'desc') entry.desc = value;
      }
      return entry;
    })
    .filter((e) => e.name !== '');
}
