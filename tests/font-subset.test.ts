import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONTS, codePointsOf, fromRanges, sourceCodePoints, toRanges } from '../scripts/font-coverage.mjs';

// fonts/*-subset.woff2 hold only the characters and weights the pages use (scripts/subset-font.mjs).
const root = path.resolve(__dirname, '..');
type Manifest = {
  source: string;
  sourceCodePoints: string;
  codePoints: string;
  wght: [number, number];
  sha256: string;
};
const REGENERATE = 'run `node scripts/subset-font.mjs` (PYTHON=/usr/bin/python3 on Debian)';

describe.each(FONTS)('the subset $out', (font) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, font.manifest), 'utf8')) as Manifest;

  it('is the file its manifest describes (the manifest is regenerated with it)', () => {
    const woff2 = fs.readFileSync(path.join(root, font.out));
    expect(crypto.createHash('sha256').update(woff2).digest('hex'), REGENERATE).toBe(manifest.sha256);
    expect(manifest.source, REGENERATE).toBe(font.source);
  });

  it('draws every character the lessons and the UI use that its source font has', () => {
    const inSource = fromRanges(manifest.sourceCodePoints);
    const covered = fromRanges(manifest.codePoints);
    const lacking = [...sourceCodePoints(root)]
      .filter(([cp]) => inSource.has(cp) && !covered.has(cp))
      .map(([cp, file]) => `${String.fromCodePoint(cp)} (U+${cp.toString(16).toUpperCase()}) in ${file}`);
    expect(lacking, `the subset lacks these: ${REGENERATE}`).toEqual([]);
    // The scan does reach the lessons: a character only they use is found.
    expect(sourceCodePoints(root).get(0x2026)).toBeDefined();
  });

  it('spans every font-weight the stylesheets ask for', () => {
    const [min, max] = manifest.wght;
    const text = stylesheets();
    const weights = [...text.matchAll(/font-weight:\s*(\d+)/g)].map((m) => Number(m[1]));
    expect(weights.length).toBeGreaterThan(10);
    expect(weights.filter((w) => w < min || w > max)).toEqual([]);
  });
});

describe('the shipped fonts', () => {
  it("draw the UI's arrows and marks in Inter, not in a system font", () => {
    const inter = fromRanges(
      (JSON.parse(fs.readFileSync(path.join(root, 'fonts/inter-subset.json'), 'utf8')) as Manifest).codePoints,
    );
    for (const ch of '←→≤≥✓⚠') expect(inter.has(ch.codePointAt(0)!), ch).toBe(true);
  });

  it('come before any system font in the text and code stacks, the code stack falling back to Inter', () => {
    // A system family ahead of, or between, the shipped ones is looked up (through the browser
    // process) on the first layout; after them it is only reached for a character neither has.
    const css = fs.readFileSync(path.join(root, 'app/globals.css'), 'utf8');
    const stack = (name: string) =>
      css
        .match(new RegExp(`--${name}:\\s*([^;]+);`))?.[1]
        ?.split(',')
        .map((f) => f.trim());
    expect(stack('font')?.[0]).toBe('var(--font-inter)');
    expect(stack('mono')?.slice(0, 2)).toEqual(['var(--font-mono)', 'var(--font-inter)']);
  });
});

describe('font coverage helpers', () => {
  it('reads entities and escapes as the characters they stand for', () => {
    const cps = codePointsOf('it&rsquo;s \\u2014 &#233; &#x2026;\n');
    for (const cp of [0x2019, 0x2014, 0xe9, 0x2026]) expect(cps.has(cp)).toBe(true);
    // Line breaks are not characters to draw.
    expect(cps.has(0x0a)).toBe(false);
  });

  it('round-trips code points through ranges', () => {
    const cps = [0x20, 0x21, 0x22, 0x7e, 0xa0, 0x2013, 0x2014];
    expect(toRanges(cps)).toBe('U+20-22,U+7E,U+A0,U+2013-2014');
    expect([...fromRanges(toRanges(cps))]).toEqual(cps);
  });
});

function cssFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.css'))
    .map((e) => path.join(e.parentPath, e.name));
}

function stylesheets(): string {
  const css = ['app', 'components'].flatMap((dir) => cssFiles(path.join(root, dir)));
  return css.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}
