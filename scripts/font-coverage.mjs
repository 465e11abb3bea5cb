// The characters Scale Lab can show in Inter: every character of the sources that hold what
// the pages say (lesson MDX and data, UI components, the API's messages and reference text).
// Shared by scripts/subset-font.mjs (which subsets the font to them) and
// tests/font-subset.test.ts (which fails when a source uses one the subset lacks).
import fs from 'node:fs';
import path from 'node:path';

/** Folders whose files can put text on a page. Tests are left out: they render nothing. */
export const TEXT_ROOTS = ['app', 'components', 'lib', 'lessons', 'pages'];
const TEXT_FILE = /\.(tsx?|mdx?|css|ya?ml|json)$/;
const NOT_TEXT = /\.test\.tsx?$|(^|\/)node_modules\//;

/**
 * The fonts the pages ship, each cut to the characters below by scripts/subset-font.mjs.
 * `pin` fixes axes other than weight; `features` are the OpenType features kept.
 */
export const FONTS = [
  {
    // Text. opsz pinned at 14, Inter's text design (the optical-size axis would only add bytes).
    source: 'node_modules/inter-ui/variable/InterVariable.woff2',
    pin: ['opsz=14'],
    wght: [400, 700],
    // Kerning and marks, tabular figures (every number in the UI), Inter's contextual forms
    // (centred colons and dashes between figures and capitals); fractions and locale forms go.
    features: ['kern', 'mark', 'mkmk', 'ccmp', 'calt', 'tnum'],
    out: 'fonts/inter-subset.woff2',
    manifest: 'fonts/inter-subset.json',
  },
  {
    // Code. No `calt`: JetBrains Mono's ligatures would draw `=>` or `!=` as one glyph, and a
    // learner copying a sample must see the characters they type.
    source: 'node_modules/@fontsource-variable/jetbrains-mono/files/jetbrains-mono-latin-wght-normal.woff2',
    pin: [],
    wght: [400, 700],
    features: ['kern', 'mark', 'mkmk', 'ccmp'],
    out: 'fonts/mono-subset.woff2',
    manifest: 'fonts/mono-subset.json',
  },
];

/** Printable ASCII, always kept: code samples, numbers and any English sentence need it whole. */
export const ASCII = range(0x20, 0x7e);
/**
 * Typography an author may type next (no-break space, en/em dashes, curly quotes, bullet,
 * ellipsis, minus): a few hundred bytes, so a new sentence rarely needs the script re-run.
 */
export const TYPOGRAPHY = [0xa0, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x2212];

function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (TEXT_FILE.test(entry.name) && !NOT_TEXT.test(p)) yield p;
  }
}

// JSX entities and JS escapes stand for characters too: `&rsquo;` is a ’ on the page.
const NAMED = {
  apos: 0x27,
  quot: 0x22,
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  nbsp: 0xa0,
  rsquo: 0x2019,
  lsquo: 0x2018,
  rdquo: 0x201d,
  ldquo: 0x201c,
  mdash: 0x2014,
  ndash: 0x2013,
  hellip: 0x2026,
  middot: 0xb7,
  times: 0xd7,
  minus: 0x2212,
};
const ESCAPES = /&([a-z]+);|&#(\d+);|&#x([\da-f]+);|\\u([\da-f]{4})|\\u\{([\da-f]+)\}/gi;

/** The code points a text uses, escapes included (surrogate halves and controls are not characters to draw). */
export function codePointsOf(text) {
  const out = new Set();
  for (const ch of text) out.add(ch.codePointAt(0));
  for (const m of text.matchAll(ESCAPES)) {
    const cp = m[1] ? NAMED[m[1].toLowerCase()] : parseInt(m[2] ?? m[3] ?? m[4] ?? m[5], m[2] ? 10 : 16);
    if (cp !== undefined) out.add(cp);
  }
  for (const cp of out) if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)) out.delete(cp);
  return out;
}

/** Every code point the text sources use, with the first file that uses each (for error messages). */
export function sourceCodePoints(root) {
  const found = new Map();
  for (const dir of TEXT_ROOTS) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const file of walk(path.join(root, dir))) {
      for (const cp of codePointsOf(fs.readFileSync(file, 'utf8'))) {
        if (!found.has(cp)) found.set(cp, path.relative(root, file));
      }
    }
  }
  return found;
}

/** `U+20-7E,U+A0` style ranges, the form pyftsubset and the manifest use. */
export function toRanges(codePoints) {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (sorted[i + 1] === sorted[i] + 1) i++;
    const hex = (n) => n.toString(16).toUpperCase();
    parts.push(start === sorted[i] ? `U+${hex(start)}` : `U+${hex(start)}-${hex(sorted[i])}`);
  }
  return parts.join(',');
}

export function fromRanges(ranges) {
  const out = new Set();
  for (const part of ranges.split(',').filter(Boolean)) {
    const [a = '', b] = part.replace(/^U\+/, '').split('-');
    const from = parseInt(a, 16);
    const to = b === undefined ? from : parseInt(b, 16);
    for (let cp = from; cp <= to; cp++) out.add(cp);
  }
  return out;
}
