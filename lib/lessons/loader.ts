import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { frontmatterSchema, type LessonFrontmatter } from './frontmatter';

export type Lesson = {
  slug: string;
  number: number;
  folder: string;
  frontmatter: LessonFrontmatter;
  /** MDX source below the frontmatter. */
  body: string;
};

const FOLDER = /^(\d{2})-([a-z0-9-]+)$/;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export class LessonError extends Error {}

export function lessonsDir(): string {
  return path.join(process.cwd(), 'lessons');
}

/** Parses one lesson file; a broken one throws with the folder and every bad field named. */
export function parseLesson(folder: string, source: string): Lesson {
  const m = FOLDER.exec(folder);
  if (!m) throw new LessonError(`${folder}: lesson folders are named NN-slug, like 03-indexes`);
  const fm = FRONTMATTER.exec(source);
  if (!fm) throw new LessonError(`${folder}/index.mdx: missing the --- frontmatter --- block`);
  let data: unknown;
  try {
    data = parseYaml(fm[1] ?? '');
  } catch (err) {
    throw new LessonError(`${folder}/index.mdx: frontmatter is not valid YAML: ${(err as Error).message}`);
  }
  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new LessonError(`${folder}/index.mdx: invalid frontmatter\n${issues}`);
  }
  return { slug: m[2] ?? '', number: Number(m[1]), folder, frontmatter: parsed.data, body: source.slice(fm[0].length) };
}

/**
 * Lessons from outside the course, for an instructor's own lessons or a test fixture:
 * SCALE_LAB_EXTRA_LESSONS_DIR (relative to the app's directory) holds more NN-slug folders.
 * Lesson pages are prerendered at build time; one that only this setting adds is rendered on
 * its first request (app/lessons/[slug]/page.tsx allows dynamic params for that).
 */
export function extraLessonsDir(): string | undefined {
  const dir = process.env.SCALE_LAB_EXTRA_LESSONS_DIR?.trim();
  return dir ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir) : undefined;
}

/** The lessons in one folder, in number order; a folder that does not exist has none. */
export function readLessonsDir(dir: string): Lesson[] {
  // The app runs from its own checkout (next start), so nothing needs tracing here.
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && FOLDER.test(d.name))
    .map((d) =>
      parseLesson(d.name, fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, d.name, 'index.mdx'), 'utf8')),
    )
    .sort((a, b) => a.number - b.number);
}

/** Every lesson (the course's, then any extra ones), in course order. Read once per process: lessons are part of the build. */
export function loadLessons(): Lesson[] {
  const dirs = [lessonsDir(), extraLessonsDir()].filter((d): d is string => Boolean(d));
  const cacheKey = Symbol.for(`scale-lab.lessons:${dirs.join('|')}`);
  const g: Partial<Record<symbol, Lesson[]>> = globalThis;
  const cached = process.env.NODE_ENV === 'production' ? g[cacheKey] : undefined;
  if (cached) return cached;
  const lessons = dirs.flatMap(readLessonsDir).sort((a, b) => a.number - b.number);
  const seen = new Set<string>();
  for (const l of lessons) {
    if (seen.has(l.slug)) throw new LessonError(`${l.folder}: another lesson already has the slug "${l.slug}"`);
    seen.add(l.slug);
  }
  g[cacheKey] = lessons;
  return lessons;
}

export function findLesson(slug: string): Lesson | undefined {
  return loadLessons().find((l) => l.slug === slug);
}
