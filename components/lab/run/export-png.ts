/**
 * The run's charts as one PNG, drawn in the browser with no library: each recharts SVG is
 * cloned with its computed styles inlined (the charts colour themselves with CSS variables,
 * which an SVG loaded as an image cannot see), loaded as an image and painted on a canvas
 * under its title and legend, in the current colour scheme.
 */
import { linesOf, wrapItems } from './legend-layout';

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
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

/** A legend entry as drawn: the same colour, dash and opacity as its line on the chart (chart-style.ts). */
type LegendSwatch = { label: string; color: string; dash: number[]; opacity: number; value: string };

function dashOf(line: Element | null): number[] {
  const raw = line?.getAttribute('stroke-dasharray') ?? '';
  return raw
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
}

type Panel = {
  title: string;
  unit: string;
  legend: LegendSwatch[];
  svg: SVGSVGElement;
  width: number;
  height: number;
};

function panelsIn(root: ParentNode): Panel[] {
  return [...root.querySelectorAll<HTMLElement>('.run-chart')].flatMap((figure) => {
    const svg = figure.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return []; // shown as a table right now
    const box = svg.getBoundingClientRect();
    const legend = [...figure.querySelectorAll<HTMLElement>('.run-legend li:not(.run-legend__note)')].map((li) => {
      const line = li.querySelector('line');
      const value = li.querySelector('.run-legend__value')?.textContent ?? '';
      return {
        label: (li.textContent ?? '').replace(value, '').trim(),
        value,
        color: line ? getComputedStyle(line).stroke : 'currentColor',
        dash: dashOf(line),
        opacity: Number(line?.getAttribute('stroke-opacity') ?? 1) || 1,
      };
    });
    return [
      {
        title: figure.querySelector('.run-chart__title')?.textContent ?? '',
        unit: figure.querySelector('.run-chart__unit')?.textContent ?? '',
        legend,
        svg,
        width: Math.round(box.width),
        height: Math.round(box.height),
      },
    ];
  });
}

const PAD = 20;
const HEAD_H = 34;
const LINE_H = 20;
const GAP = 18;
const SWATCH = 21;

type Laid = Panel & {
  unitX: number;
  items: (Omit<LegendSwatch, 'value'> & { x: number; line: number })[];
  headH: number;
};

/** Title, unit and legend of each panel laid out in the image's width, wrapping the legend onto more lines. */
function layOut(ctx: CanvasRenderingContext2D, panels: Panel[], width: number, font: string): Laid[] {
  return panels.map((p) => {
    ctx.font = `600 13px ${font}`;
    const unitX = PAD + ctx.measureText(p.title).width + 10;
    ctx.font = `12px ${font}`;
    const labels = p.legend.map((item) => (item.value ? `${item.label} ${item.value}` : item.label));
    const placed = wrapItems(
      labels.map((l) => SWATCH + ctx.measureText(l).width),
      {
        firstX: unitX + ctx.measureText(p.unit).width + 16,
        lineX: PAD,
        maxX: width - PAD,
        gap: 14,
      },
    );
    const items = p.legend.map((item, i) => ({
      label: labels[i] ?? '',
      color: item.color,
      dash: item.dash,
      opacity: item.opacity,
      x: placed[i]?.x ?? PAD,
      line: placed[i]?.line ?? 0,
    }));
    return { ...p, unitX, items, headH: linesOf(placed) * LINE_H + 6 };
  });
}

/** Renders every chart under `root` into one PNG; resolves with null when none is on screen. */
export async function chartsPng(root: ParentNode, heading: string): Promise<Blob | null> {
  const found = panelsIn(root).filter((p) => p.width > 0 && p.height > 0);
  if (found.length === 0) return null;
  const body = getComputedStyle(document.body);
  const colors = {
    bg: body.backgroundColor,
    text: body.color,
    muted: getComputedStyle(document.documentElement).getPropertyValue('--muted').trim() || body.color,
  };
  const font = body.fontFamily;
  const width = Math.max(...found.map((p) => p.width)) + PAD * 2;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  const panels = layOut(ctx, found, width, font);
  const height = PAD + HEAD_H + panels.reduce((h, p) => h + p.headH + p.height + GAP, 0) + PAD - GAP;
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  ctx.scale(scale, scale);
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colors.text;
  ctx.font = `600 15px ${font}`;
  ctx.fillText(heading, PAD, PAD + 10);

  let y = PAD + HEAD_H;
  for (const p of panels) {
    const img = await svgImage(p.svg, p.width, p.height);
    ctx.fillStyle = colors.text;
    ctx.font = `600 13px ${font}`;
    ctx.fillText(p.title, PAD, y + 9);
    ctx.font = `12px ${font}`;
    ctx.fillStyle = colors.muted;
    ctx.fillText(p.unit, p.unitX, y + 9);
    for (const item of p.items) {
      const ly = y + 9 + item.line * LINE_H;
      ctx.strokeStyle = item.color;
      ctx.lineWidth = 2.5;
      ctx.setLineDash(item.dash);
      ctx.globalAlpha = item.opacity;
      ctx.beginPath();
      ctx.moveTo(item.x, ly);
      ctx.lineTo(item.x + 16, ly);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colors.muted;
      ctx.fillText(item.label, item.x + SWATCH, ly);
    }
    y += p.headH;
    ctx.drawImage(img, PAD, y, p.width, p.height);
    y += p.height + GAP;
  }
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}
