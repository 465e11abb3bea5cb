/**
 * Where each legend item goes in the exported PNG: after the chart's title on its first line,
 * then on as many lines as it takes, so no legend is ever cut off at the image's edge. Pure,
 * so the wrapping is tested without a canvas.
 */
export type Placed = { x: number; line: number };

export function wrapItems(
  widths: readonly number[],
  opts: { firstX: number; lineX: number; maxX: number; gap: number },
): Placed[] {
  const out: Placed[] = [];
  let x = opts.firstX;
  let line = 0;
  for (const w of widths) {
    // An item wider than a whole line still gets its own line rather than an endless loop.
    if (x + w > opts.maxX && x > opts.lineX) {
      line++;
      x = opts.lineX;
    }
    out.push({ x, line });
    x += w + opts.gap;
  }
  return out;
}

export const linesOf = (placed: readonly Placed[]) => (placed.length ? Math.max(...placed.map((p) => p.line)) + 1 : 1);
