/** Formats a Server-Timing header (W3C): name;dur=ms;desc="text", comma separated. */
export type TimingEntry = { name: string; dur?: number; desc?: string };

export function serverTiming(entries: TimingEntry[]): string {
  return entries
    .map((e) => {
      let s = e.name;
      if (e.dur !== undefined) s += `;dur=${e.dur.toFixed(2)}`;
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
