// `node scripts/subset-font.mjs`: rebuilds fonts/inter-subset.woff2 and its manifest.
//
// Why: the whole Latin file of Inter (100-900) is 48 KB that every page downloads at high
// priority before its text settles. The pages use weights 400-700 and about 120 characters,
// so the font is cut to those (fontTools: `apt-get install python3-fonttools python3-brotli`;
// PYTHON=/usr/bin/python3 if your default python lacks it). tests/font-subset.test.ts fails
// when a source uses a character Inter has but the subset lacks: run this script again then.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASCII, TYPOGRAPHY, sourceCodePoints, toRanges } from './font-coverage.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2';
const OUT = 'fonts/inter-subset.woff2';
const MANIFEST = 'fonts/inter-subset.json';
// The lightest and boldest weights the CSS asks for (the test checks every font-weight in it).
const WGHT = [400, 700];
// Kerning and marks, tabular figures (every number in the UI), Inter's contextual forms
// (centred colons and dashes between figures and capitals); fractions and locale forms go.
const FEATURES = ['kern', 'mark', 'mkmk', 'ccmp', 'calt', 'tnum'];
const python = process.env.PYTHON ?? 'python3';

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
// A fixed timestamp for the font's head table (fontTools honours SOURCE_DATE_EPOCH): the same
// inputs then give the same bytes, so the manifest's hash changes only when the font does.
const env = { ...process.env, SOURCE_DATE_EPOCH: '1764720000' };
const run = (args) => execFileSync(python, args, { cwd: root, encoding: 'utf8', env });

/** The code points a font file maps, as ranges. */
function cmapOf(file) {
  const code =
    'import sys; from fontTools.ttLib import TTFont; print(",".join(str(c) for c in TTFont(sys.argv[1]).getBestCmap()))';
  return new Set(run(['-c', code, file]).trim().split(',').map(Number));
}

const inInter = cmapOf(SOURCE);
const used = sourceCodePoints(root);
const wanted = [...ASCII, ...TYPOGRAPHY, ...used.keys()].filter((cp) => inInter.has(cp));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inter-'));
const limited = path.join(tmp, 'limited.ttf');
run(['-m', 'fontTools.varLib.instancer', '-q', SOURCE, `wght=${WGHT[0]}:${WGHT[1]}`, '-o', limited]);
run([
  '-m',
  'fontTools.subset',
  limited,
  `--unicodes=${toRanges(wanted)}`,
  `--layout-features=${FEATURES.join(',')}`,
  '--flavor=woff2',
  `--output-file=${OUT}`,
]);
fs.rmSync(tmp, { recursive: true });

const covered = cmapOf(OUT);
const missing = wanted.filter((cp) => !covered.has(cp));
if (missing.length) throw new Error(`the subset lost ${toRanges(missing)}`);
const manifest = {
  about: 'Written by scripts/subset-font.mjs; checked by tests/font-subset.test.ts. Do not edit by hand.',
  source: SOURCE,
  sourceSha256: sha256(SOURCE),
  sourceCodePoints: toRanges([...inInter]),
  wght: WGHT,
  features: FEATURES,
  codePoints: toRanges([...covered]),
  sha256: sha256(OUT),
  bytes: fs.statSync(OUT).size,
};
fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
const notInInter = [...used.keys()].filter((cp) => !inInter.has(cp));
console.log(`${OUT}: ${manifest.bytes} bytes, ${covered.size} code points, wght ${WGHT.join('-')}`);
console.log(`drawn by the fallback font (Inter's Latin file lacks them): ${toRanges(notInInter)}`);
