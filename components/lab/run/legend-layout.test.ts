import { describe, expect, it } from 'vitest';
import { linesOf, wrapItems } from './legend-layout';

describe('PNG legend layout', () => {
  const opts = { firstX: 120, lineX: 20, maxX: 400, gap: 14 };

  it('keeps a short legend on the title line', () => {
    const placed = wrapItems([80, 80], opts);
    expect(placed).toEqual([
      { x: 120, line: 0 },
      { x: 214, line: 0 },
    ]);
    expect(linesOf(placed)).toBe(1);
  });

  it('wraps a long legend onto further lines, every item whole inside the width', () => {
    const widths = [150, 150, 150, 150];
    const placed = wrapItems(widths, opts);
    expect(linesOf(placed)).toBe(3);
    placed.forEach((p, i) => expect(p.x + widths[i]!).toBeLessThanOrEqual(opts.maxX));
  });

  it('gives an item wider than a line a line of its own', () => {
    expect(wrapItems([500, 10], opts)).toEqual([
      { x: 20, line: 1 },
      { x: 20, line: 2 },
    ]);
  });
});
