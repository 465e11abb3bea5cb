import { describe, expect, it } from 'vitest';
import { previewBody } from './body-preview';

const unbounded = JSON.stringify({
  data: Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, user_id: 7, total_cents: 1999, status: 'delivered' })),
  pagination: { mode: 'unbounded', returned: 3000, cap: 3000, truncated: true },
});

describe('previewBody', () => {
  it('shows a short body whole, pretty-printed', () => {
    expect(previewBody('{"a":1}')).toEqual({ kind: 'whole', text: '{\n  "a": 1\n}' });
    expect(previewBody('not json')).toEqual({ kind: 'whole', text: 'not json' });
  });

  it('cuts a long body into its first and last lines, and the end still holds pagination', () => {
    const p = previewBody(unbounded, 20_000);
    expect(p.kind).toBe('cut');
    if (p.kind !== 'cut') return;
    expect(p.head.length + p.tail.length).toBeLessThanOrEqual(20_000);
    expect(p.head.length + p.tail.length + p.hiddenChars).toBe(p.totalChars);
    expect(p.head.startsWith('{\n  "data": [')).toBe(true);
    expect(p.tail).toContain('"truncated": true');
    expect(p.tail.endsWith('}')).toBe(true);
    // Cut at line breaks: no half lines on either side of the gap.
    expect(p.head.endsWith('\n')).toBe(false);
    expect(p.tail.startsWith(' ')).toBe(true);
  });

  it('outlines every top-level field: long arrays by size, short values whole', () => {
    const p = previewBody(unbounded, 20_000);
    expect(p.kind === 'cut' && p.outline).toEqual([
      { key: 'data', summary: 'an array of 3,000 items' },
      { key: 'pagination', summary: '{"mode":"unbounded","returned":3000,"cap":3000,"truncated":true}' },
    ]);
  });
});
