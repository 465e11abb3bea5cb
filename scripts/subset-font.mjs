// `node scripts/subset-font.mjs`: rebuilds the two fonts the pages ship (fonts/*-subset.woff2)
// and their manifests.
//
// Why: the whole Latin file of Inter (100-900) is 48 KB that every page downloads at high
// priority before its text settles. The pages use weights 400-700 and about 130 characters,
// so each font is cut to those (fontTools: `apt-get install python3-fonttools python3-brotli`;
// PYTHON=/usr/bin/python3 if your default python lacks it). tests/font-subset.test.ts fails
// when a source uses a character a font has but its subset lacks: run this script again then.
//
// Why two shipped fonts and no system font at all: any text the shipped fonts cannot draw (a
// code sample in the system's monospace, an arrow Inter's Latin file lacks, a radio button in
// the browser's Arial) sends the first layout to the system's fonts, a fontconfig lookup
// through the browser process per family, size and weight. Measured on a lesson page (issue
// 16, fresh Chromium per load, 412 px): the first frame's task took a median 155 ms with the
// system fonts and 133 ms with the two shipped ones. So Inter comes from its full variable font
// (its arrows, ≤ and ✓ are Inter's too) and code gets JetBrains Mono.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONTS, ASCII, TYPOGRAPHY, sourceCodePoints, toRanges } from './font-coverage.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.PYTHON ?? 'python3';

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
// A fixed timestamp for the font's head table (fontTools honours SOURCE_DATE_EPOCH): the same
// inputs then give the same bytes, so the manifest's hash changes only when the font does.
const env = { ...process.env, SOURCE_DATE_EPOCH: '1764720000' };
const run = (args) => execFileSync(python, args, { cwd: root, encoding: 'utf8', env });

/** The code points a font file maps. */
function cmapOf(file) {
  const code =
    'import sys; from fontTools.ttLib import TTFont; print(",".join(str(c) for c in TTFont(sys.argv[1]).getBestCmap()))';
  return new Set(run(['-c', code, file]).trim().split(',').map(Number));
}

const used = sourceCodePoints(root);
for (const font of FONTS) {
  const inSource = cmapOf(font.source);
  const wanted = [...ASCII, ...TYPOGRAPHY, ...used.keys()].filter((cp) => inSource.has(cp));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'font-'));
  const limited = path.join(tmp, 'limited.ttf');
  const [min, max] = font.wght;
  run(['-m', 'fontTools.varLib.instancer', '-q', font.source, ...font.pin, `wght=${min}:${max}`, '-o', limited]);
  run([
    '-m',
    'fontTools.subset',
    limited,
    `--unicodes=${toRanges(wanted)}`,
    `--layout-features=${font.features.join(',')}`,
    '--flavor=woff2',
    `--output-file=${font.out}`,
  ]);
  fs.rmSync(tmp, { recursive: true });

  const covered = cmapOf(font.out);
  const missing = wanted.filter((cp) => !covered.has(cp));
  if (missing.length) throw new Error(`${font.out}: the subset lost ${toRanges(missing)}`);
  const manifest = {
    about: 'Written by scripts/subset-font.mjs; checked by tests/font-subset.test.ts. Do not edit by hand.',
    source: font.source,
    sourceSha256: sha256(font.source),
    sourceCodePoints: toRanges([...inSource]),
    wght: font.wght,
    features: font.features,
    codePoints: toRanges([...covered]),
    sha256: sha256(font.out),
    bytes: fs.statSync(font.out).size,
  };
  fs.writeFileSync(font.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const lacking = [...used.keys()].filter((cp) => !inSource.has(cp));
  console.log(`${font.out}: ${manifest.bytes} bytes, ${covered.size} code points, wght ${min}-${max}`);
  console.log(`  not in ${path.basename(font.source)} (drawn by a fallback font where used): ${toRanges(lacking)}`);
}
