/**
 * The run's charts as one PNG, drawn in the browser with no library: each recharts SVG is
 * cloned with its computed styles inlined (the charts colour themselves with CSS variables,
 * which an SVG loaded as an image cannot see), loaded as an image and painted on a canvas
 * under its title and legend, in the current colour scheme.
 */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility',
] as const;

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  const from = source.children;
  const to = target.children;
  for (let i = 0; i < from.length; i++) {
    const a = from[i];
    const b = to[i];
    if (a && b) inlineStyles(a, b);
  }
}

function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => (URL.revokeObjectURL(url), resolve(img));
    img.onerror = () => (URL.revokeObjectURL(url), reject(new Error('a chart could not be drawn as an image')));
    img.src = url;
  });
}

type Panel = { title: string; unit: string; legend: { label: string; color: string; value: string }[]; svg: SVGSVGElement; width: number; height: number };

function panelsIn(root: ParentNode): Panel[] {
  return [...root.querySelectorAll<HTMLElement>('.run-chart')].flatMap((figure) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return []; // shown as a table right now
    const box = svg.getBoundingClientRect();
    const legend = [...figure.querySelectorAll<HTMLElement>('.run-legend li:not(.run-legend__note)')].map((li) => {
      const line = li.querySelector('line');
      const value = li.querySelector('.run-legend__value')?.textContent ?? '';
      return { label: (li.textContent ?? '').replace(value, '').trim(), value, color: line ? getComputedStyle(line).stroke : 'currentColor' };
    });
    return [{
      title: figure.querySelector('.run-chart__title')?.textContent ?? '',
      unit: figure.querySelector('.run-chart__unit')?.textContent ?? '',
      legend, svg, width: Math.round(box.width), height: Math.round(box.height),
    }];
  });
}

/** Renders every chart under `root` into one PNG; resolves with null when none is on screen. */
export async function chartsPng(root: ParentNode, heading: string): Promise<Blob | null> {
  const panels = panelsIn(root).filter((p) => p.width > 0 && p.height > 0);
  if (panels.length === 0) return null;
  const body = getComputedStyle(document.body);
  const colors = { bg: body.backgroundColor, text: body.color, muted: getComputedStyle(document.documentElement).getPropertyValue('--muted').trim() || body.color };
  const font = body.fontFamily;
  const pad = 20;
  const headH = 34;
  const titleH = 26;
  const gap = 18;
  const width = Math.max(...panels.map((p) => p.width)) + pad * 2;
  const height = pad + headH + panels.reduce((h, p) => h + titleH + p.height + gap, 0) + pad - gap;
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colors.text;
  ctx.font = `600 15px ${font}`;
  ctx.fillText(heading, pad, pad + 10);

  let y = pad + headH;
  for (const p of panels) {
    const img = await svgImage(p.svg, p.width, p.height);
    ctx.fillStyle = colors.text;
    ctx.font = `600 13px ${font}`;
    ctx.fillText(p.title, pad, y + 9);
    let x = pad + ctx.measureText(p.title).width + 10;
    ctx.font = `12px ${font}`;
    ctx.fillStyle = colors.muted;
    ctx.fillText(p.unit, x, y + 9);
    x += ctx.measureText(p.unit).width + 16;
    for (const item of p.legend) {
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(x, y + 9);
      ctx.lineTo(x + 16, y + 9);
      ctx.stroke();
      x += 21;
      ctx.fillStyle = colors.muted;
      const label = item.value ? `${item.label} ${item.value}` : item.label;
      ctx.fillText(label, x, y + 9);
      x += ctx.measureText(label).width + 14;
    }
    y += titleH;
    ctx.drawImage(img, pad, y, p.width, p.height);
    y += p.height + gap;
  }
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}
