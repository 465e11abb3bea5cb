import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codePointsOf, fromRanges, sourceCodePoints, toRanges } from '../scripts/font-coverage.mjs';

// fonts/inter-subset.woff2 holds only the characters and weights the pages use (scripts/subset-font.mjs).
const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'fonts/inter-subset.json'), 'utf8')) as {
  sourceCodePoints: string;
  codePoints: string;
  wght: [number, number];
  sha256: string;
};
const REGENERATE = 'run `node scripts/subset-font.mjs` (PYTHON=/usr/bin/python3 on Debian)';

describe('the Inter subset', () => {
  it('is the file its manifest describes (the manifest is regenerated with it)', () => {
    const woff2 = fs.readFileSync(path.join(root, 'fonts/inter-subset.woff2'));
    expect(crypto.createHash('sha256').update(woff2).digest('hex'), REGENERATE).toBe(manifest.sha256);
  });

  it('draws every character the lessons and the UI use that Inter has', () => {
    const inInter = fromRanges(manifest.sourceCodePoints);
    const covered = fromRanges(manifest.codePoints);
    const lacking = [...sourceCodePoints(root)]
      .filter(([cp]) => inInter.has(cp) && !covered.has(cp))
      .map(([cp, file]) => `${String.fromCodePoint(cp)} (U+${cp.toString(16).toUpperCase()}) in ${file}`);
    expect(lacking, `the subset lacks these: ${REGENERATE}`).toEqual([]);
    // The scan does reach the lessons: a character only they use is found.
    expect(sourceCodePoints(root).get(0x2026)).toBeDefined();
  });

  it('spans every font-weight the stylesheets ask for', () => {
    const [min, max] = manifest.wght;
    const css = ['app', 'components'].flatMap((dir) => cssFiles(path.join(root, dir)));
    const text = css.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const weights = [...text.matchAll(/font-weight:\s*(\d+)/g)].map((m) => Number(m[1]));
    expect(weights.length).toBeGreaterThan(10);
    expect(weights.filter((w) => w < min || w > max)).toEqual([]);
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
