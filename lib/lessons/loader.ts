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

/** Every lesson, in course order. Read once per process: lessons are part of the build. */
export function loadLessons(dir = lessonsDir()): Lesson[] {
  const cacheKey = Symbol.for(`scale-lab.lessons:${dir}`);
  const g: Partial<Record<symbol, Lesson[]>> = globalThis;
  const cached = process.env.NODE_ENV === 'production' ? g[cacheKey] : undefined;
  if (cached) return cached;
  // The app runs from its own checkout (next start), so nothing needs tracing here.
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  const lessons = fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && FOLDER.test(d.name))
    .map((d) => parseLesson(d.name, fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, d.name, 'index.mdx'), 'utf8')))
    .sort((a, b) => a.number - b.number);
  g[cacheKey] = lessons;
  return lessons;
}

export function findLesson(slug: string): Lesson | undefined {
  return loadLessons().find((l) => l.slug === slug);
}
