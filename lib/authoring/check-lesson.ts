import fs from 'node:fs';
import path from 'node:path';
import type { KnobGroup } from '../knobs/registry';
import { DEFAULT_SETTINGS } from '../knobs/schema';
import { LessonError, parseLesson, type Lesson } from '../lessons/loader';
import { WIDGET_PROPS, WIDGET_TAGS, type WidgetTag } from '../lessons/widget-props';
import { readMdx } from '../lessons/mdx-elements';

/**
 * Everything `npm run lesson:check` and the lessons test verify about one lesson, beyond what
 * the frontmatter schema (lib/lessons/frontmatter.ts) already rejects: widgets and their props
 * (lib/lessons/widget-props.ts), the checks widgets point at, internal links, and the knob
 * groups the start and solution name (lib/knobs/registry.ts). Each problem names the file and
 * line, in words an author can act on.
 */
export type CheckContext = {
  /** Every lesson slug a link may point at. */
  slugs: ReadonlySet<string>;
  /** The app's top-level routes ("reference", "workshop"), for links that are not lessons. */
  routes: ReadonlySet<string>;
};

const FRONTMATTER_LINES = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/;

export function appRoutes(root = process.cwd()): Set<string> {
  const app = path.join(root, 'app');
  return new Set(
    fs
      .readdirSync(app, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  );
}

export function checkLessonSource(
  folder: string,
  source: string,
  ctx: CheckContext,
): { lesson?: Lesson; problems: string[] } {
  const file = `${folder}/index.mdx`;
  let lesson: Lesson;
  try {
    lesson = parseLesson(folder, source);
  } catch (err) {
    if (err instanceof LessonError) return { problems: [err.message] };
    throw err;
  }
  const problems: string[] = [];
  const at = (line: number, msg: string) => problems.push(`${file}:${line}: ${msg}`);
  const fm = lesson.frontmatter;
  const offset = (FRONTMATTER_LINES.exec(source)?.[0].match(/\n/g) ?? []).length;

  let contents;
  try {
    contents = readMdx(lesson.body, offset);
  } catch (err) {
    const e = err as { line?: number; reason?: string; message: string };
    at((e.line ?? 0) + offset, `the MDX does not parse: ${e.reason ?? e.message}`);
    return { lesson, problems };
  }

  const checkIds = new Set(fm.checks.map((c) => c.id));
  const widgetIds = new Map<string, number>();
  for (const el of contents.elements) {
    for (const p of el.problems) at(el.line, `<${el.name}> ${p}`);
    if (!(WIDGET_TAGS as string[]).includes(el.name)) {
      at(el.line, `<${el.name}> is not a lesson widget; use one of ${WIDGET_TAGS.join(', ')}`);
      continue;
    }
    const parsed = WIDGET_PROPS[el.name as WidgetTag].safeParse(el.props);
    if (!parsed.success) {
      for (const i of parsed.error.issues) at(el.line, `<${el.name}> ${i.path.join('.') || 'props'}: ${i.message}`);
      continue;
    }
    const props = el.props as { id?: string; check?: string };
    if (
      (el.name === 'Prediction' || el.name === 'Check') &&
      (el.name === 'Check' ? props.id : props.check) !== undefined
    ) {
      const ref = (el.name === 'Check' ? props.id : props.check) as string;
      if (!checkIds.has(ref))
        at(
          el.line,
          `<${el.name}> names check "${ref}", which is not in this lesson's frontmatter checks (${[...checkIds].join(', ') || 'none'})`,
        );
    }
    // Predictions and quiz answers are stored per lesson by id: two widgets with one id share an answer.
    if ((el.name === 'Prediction' || el.name === 'Quiz') && props.id) {
      const key = `${el.name}:${props.id}`;
      if (widgetIds.has(key))
        at(el.line, `<${el.name}> id "${props.id}" is already used on line ${widgetIds.get(key)}`);
      else widgetIds.set(key, el.line);
    }
    if (el.name === 'WhatMattered' && !fm.report)
      at(el.line, '<WhatMattered/> needs `report: { check: <a run check id> }` in the frontmatter');
  }

  for (const link of contents.links) {
    if (!link.url.startsWith('/') || link.url.startsWith('//')) continue;
    const [pathname = ''] = link.url.split(/[?#]/);
    const [, first = '', second] = pathname.split('/');
    if (first === '') continue;
    if (first === 'lessons') {
      if (!second || !ctx.slugs.has(second))
        at(link.line, `link ${link.url}: no lesson has the slug "${second ?? ''}"`);
    } else if (!ctx.routes.has(first)) {
      at(link.line, `link ${link.url}: the app has no /${first} page`);
    }
  }

  // A lesson starts from, and "Show me" applies, only knobs the learner can see in its panel.
  if (fm.knobs) {
    const shown = new Set<KnobGroup>(fm.knobs);
    for (const [name, patch] of [
      ['preset', fm.preset],
      ['solution', fm.solution],
    ] as const) {
      for (const group of Object.keys(patch ?? {}) as KnobGroup[]) {
        if (!shown.has(group))
          at(
            1,
            `${name} sets ${group}, which this lesson's knobs: [${fm.knobs.join(', ')}] does not show; add it to knobs or leave it out`,
          );
      }
    }
  }
  // The preset says how the start differs from the defaults; a repeated default hides what matters.
  const { indexes = {}, ...settings } = fm.preset;
  for (const [name, on] of Object.entries(indexes))
    if (on === false) at(1, `preset.indexes.${name}: false is the default; leave it out`);
  for (const [group, fields] of Object.entries(settings)) {
    for (const [field, value] of Object.entries(fields ?? {})) {
      const def = (DEFAULT_SETTINGS as Record<string, Record<string, unknown> | undefined>)[group]?.[field];
      if (JSON.stringify(value) === JSON.stringify(def))
        at(1, `preset.${group}.${field}: ${JSON.stringify(value)} is the default; leave it out`);
    }
  }
  return { lesson, problems };
}

/** Every lesson folder in `dirs`, checked together (links may point across them). */
export function checkLessonDirs(dirs: string[], root = process.cwd()): { lessons: Lesson[]; problems: string[] } {
  const sources = dirs.flatMap((dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => ({ dir, folder: d.name }))
      : [],
  );
  const problems: string[] = [];
  const slugs = new Set(sources.map((s) => /^\d{2}-(.+)$/.exec(s.folder)?.[1]).filter((s): s is string => Boolean(s)));
  const ctx = { slugs, routes: appRoutes(root) };
  const lessons: Lesson[] = [];
  for (const { dir, folder } of sources) {
    const file = path.join(dir, folder, 'index.mdx');
    if (!fs.existsSync(file)) {
      problems.push(`${folder}: has no index.mdx`);
      continue;
    }
    const r = checkLessonSource(folder, fs.readFileSync(file, 'utf8'), ctx);
    problems.push(...r.problems);
    if (r.lesson) lessons.push(r.lesson);
  }
  const numbers = new Map<number, string>();
  const seen = new Map<string, string>();
  for (const l of lessons) {
    if (numbers.has(l.number))
      problems.push(`${l.folder}: number ${l.number} is already used by ${numbers.get(l.number)}`);
    numbers.set(l.number, l.folder);
    if (seen.has(l.slug)) problems.push(`${l.folder}: slug "${l.slug}" is already used by ${seen.get(l.slug)}`);
    seen.set(l.slug, l.folder);
  }
  return { lessons, problems };
}
