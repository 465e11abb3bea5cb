import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileLesson } from '../lessons/render';
import { checkLessonDirs } from './check-lesson';
import { scaffoldLesson } from './scaffold';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-new-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run lesson:new', () => {
  it('scaffolds a lesson that passes the checker and compiles, numbered after the course', async () => {
    const course = path.join(process.cwd(), 'lessons');
    const file = scaffoldLesson(tmp, 'my-first-lesson', [course]);
    const last = Math.max(
      ...fs
        .readdirSync(course)
        .map((d) => Number(d.slice(0, 2)))
        .filter(Number.isFinite),
    );
    expect(path.basename(path.dirname(file))).toBe(`${String(last + 1).padStart(2, '0')}-my-first-lesson`);
    const { lessons, problems } = checkLessonDirs([course, tmp]);
    expect(problems).toEqual([]);
    const lesson = lessons.find((l) => l.slug === 'my-first-lesson');
    expect(lesson?.frontmatter.title).toBe('My first lesson');
    await expect(compileLesson(lesson?.body ?? '')).resolves.toBeTypeOf('function');
  });

  it('refuses a slug that is not kebab-case or is taken', () => {
    expect(() => scaffoldLesson(tmp, 'Bad Slug')).toThrow(/not a slug/);
    expect(() => scaffoldLesson(tmp, 'indexes', [path.join(process.cwd(), 'lessons')])).toThrow(
      /already exists: 03-indexes/,
    );
  });
});
