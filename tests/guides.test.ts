import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the docs for the next engineer honest: every file path, `npm run` script and
 * SCALE_LAB_ setting that CONTRIBUTING.md, docs/architecture.md or a guide names must exist.
 * A rename that forgets its guide fails here.
 */
const root = process.cwd();
const DOCS = [
  'CONTRIBUTING.md',
  'docs/architecture.md',
  ...fs.readdirSync(path.join(root, 'docs/guides')).map((f) => `docs/guides/${f}`),
];
const TOP = ['app', 'pages', 'components', 'lib', 'lessons', 'e2e', 'scripts', 'tests', 'docs', 'bench'];
const ROOT_FILES =
  /^(package\.json|CONTRIBUTING\.md|README\.md|instrumentation\.ts|next\.config\.ts|playwright(\.\w+)?\.config\.ts|vitest\.config\.ts)$/;

const scripts = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}
const settings = new Set(
  [
    ...['lib', 'app', 'scripts'].flatMap((d) => sourceFiles(path.join(root, d))),
    path.join(root, 'playwright.config.ts'),
  ].flatMap((f) => fs.readFileSync(f, 'utf8').match(/SCALE_LAB_[A-Z0-9_]+/g) ?? []),
);

/** What a doc names: repository paths (placeholders like <slug>, NN- or * are skipped), npm scripts, settings. */
export function namesIn(text: string) {
  // Not after a slash: /lessons/indexes is a URL, not the lessons/ folder.
  const candidates = text.match(/(?<![\w/.-])[\w.[\]@-]+(\/[\w.[\]@<>*-]*)+|\b[\w.-]+\.(md|json|ts)\b/g) ?? [];
  const paths = [...new Set(candidates.map((p) => p.replace(/[.,:;)]+$/, '')))].filter(
    (p) => !/[<>*]|\bNN-/.test(p) && (TOP.includes(p.split('/')[0] ?? '') || ROOT_FILES.test(p)),
  );
  const npm = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] ?? '');
  const env = [...new Set(text.match(/SCALE_LAB_[A-Z0-9_]+/g) ?? [])];
  return { paths, npm, env };
}

function problemsIn(text: string): string[] {
  const { paths, npm, env } = namesIn(text);
  return [
    ...paths.filter((p) => !fs.existsSync(path.join(root, p))).map((p) => `no such file: ${p}`),
    ...npm.filter((s) => !scripts.includes(s)).map((s) => `no such npm script: ${s}`),
    ...env.filter((e) => !settings.has(e)).map((e) => `no code reads the setting ${e}`),
  ];
}

describe('the docs for the next engineer', () => {
  it('exist: architecture, contributing, and a guide for a lesson, a knob and an endpoint', () => {
    for (const f of [
      'docs/architecture.md',
      'CONTRIBUTING.md',
      'docs/guides/add-a-lesson.md',
      'docs/guides/add-a-knob.md',
      'docs/guides/add-an-endpoint.md',
    ]) {
      expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    }
  });

  for (const doc of DOCS) {
    it(`${doc} names only files, npm scripts and settings that exist`, () => {
      const text = fs.readFileSync(path.join(root, doc), 'utf8');
      expect(namesIn(text).paths.length, 'the doc names files').toBeGreaterThan(doc === 'CONTRIBUTING.md' ? 3 : 5);
      expect(problemsIn(text)).toEqual([]);
    });
  }

  it('would catch a moved file, a missing script and an unknown setting', () => {
    const text =
      'See `lib/api/no-such-file.ts` and app/lessons/[slug]/page.tsx; run `npm run no-such-script`; set SCALE_LAB_NO_SUCH_SETTING.';
    expect(problemsIn(text)).toEqual([
      'no such file: lib/api/no-such-file.ts',
      'no such npm script: no-such-script',
      'no code reads the setting SCALE_LAB_NO_SUCH_SETTING',
    ]);
  });
});
