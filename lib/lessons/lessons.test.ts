import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkLessonDirs } from '@/lib/authoring/check-lesson';
import { compileLesson } from './render';
import { loadLessons, parseLesson } from './loader';
import { LESSON_TAGS } from '@/components/lesson/mdx-components';

/** Every lesson in lessons/ must parse, validate and compile: a broken lesson fails here, not on a page. */
const lessons = loadLessons();

describe('the course', () => {
  it('has lessons, numbered in order with unique slugs', () => {
    expect(lessons.length).toBeGreaterThan(0);
    expect(new Set(lessons.map((l) => l.slug)).size).toBe(lessons.length);
    expect(lessons.map((l) => l.number)).toEqual([...lessons.map((l) => l.number)].sort((a, b) => a - b));
  });

  // The same checks as `npm run lesson:check`: widget props, the checks widgets name, links, knobs.
  it('passes the lesson checker, every lesson', () => {
    const { lessons: checked, problems } = checkLessonDirs([path.join(process.cwd(), 'lessons')]);
    expect(problems).toEqual([]);
    expect(checked.map((l) => l.slug)).toEqual(lessons.map((l) => l.slug));
  });

  for (const lesson of lessons) {
    it(`${lesson.folder} compiles and uses only registered widgets`, async () => {
      const Content = await compileLesson(lesson.body);
      // Rendering runs the MDX's expressions: a stray {id} in prose compiles but throws here.
      const stub = () => null;
      const components = Object.fromEntries(LESSON_TAGS.map((t) => [t, stub]));
      expect(renderToStaticMarkup(createElement(Content, { components })).length).toBeGreaterThan(500);
      const tags = [...lesson.body.matchAll(/<([A-Z][A-Za-z]*)/g)].map((m) => m[1]);
      for (const tag of tags) expect(LESSON_TAGS).toContain(tag);
    });

    it(`${lesson.folder}: every Prediction points at a check that exists`, () => {
      const ids = new Set(lesson.frontmatter.checks.map((c) => c.id));
      for (const m of lesson.body.matchAll(/<Prediction[\s\S]*?check="([^"]+)"/g)) expect(ids).toContain(m[1]);
      for (const m of lesson.body.matchAll(/<Check id="([^"]+)"/g)) expect(ids).toContain(m[1]);
    });
  }
});

describe('lesson frontmatter validation', () => {
  const good = `---\ntitle: A lesson\nsummary: A summary that is long enough.\nminutes: 10\npart: core\n---\nBody`;

  it('accepts a minimal lesson and fills defaults', () => {
    const l = parseLesson('09-sample', good);
    expect(l).toMatchObject({ slug: 'sample', number: 9, frontmatter: { checks: [], preset: {} } });
  });

  it('names every bad field and the file', () => {
    const bad = good.replace('minutes: 10', 'minutes: ten').replace('part: core', 'part: extra\nknobs: [turbo]');
    expect(() => parseLesson('09-sample', bad)).toThrowError(
      /09-sample\/index.mdx: invalid frontmatter[\s\S]*minutes[\s\S]*part[\s\S]*knobs/,
    );
  });

  it('rejects a bad folder name, missing frontmatter, broken YAML and duplicate check ids', () => {
    expect(() => parseLesson('sample', good)).toThrowError(/NN-slug/);
    expect(() => parseLesson('09-sample', 'no frontmatter')).toThrowError(/frontmatter/);
    expect(() => parseLesson('09-sample', '---\ntitle: [unclosed\n---\n')).toThrowError(/YAML/);
    const dup = good.replace(
      'part: core',
      `part: core\nchecks:\n  - { id: a, kind: run, title: First check, where: {} }\n  - { id: a, kind: run, title: Second check, where: {} }`,
    );
    expect(() => parseLesson('09-sample', dup)).toThrowError(/duplicate check id "a"/);
  });

  it('rejects an invalid workload and an unknown knob in a preset', () => {
    const w = good.replace('part: core', 'part: core\nworkload: { model: constant-arrival, rate: 99999 }');
    expect(() => parseLesson('09-sample', w)).toThrowError(/workload.rate/);
    const p = good.replace('part: core', 'part: core\npreset: { turbo: true }');
    expect(() => parseLesson('09-sample', p)).toThrowError(/preset/);
  });
});
