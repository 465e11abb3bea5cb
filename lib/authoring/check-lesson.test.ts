import { describe, expect, it } from 'vitest';
import { LESSON_TAGS } from '@/components/lesson/mdx-components';
import { WIDGET_TAGS } from '../lessons/widget-props';
import { checkLessonSource, type CheckContext } from './check-lesson';

const ctx: CheckContext = { slugs: new Set(['indexes', 'sample']), routes: new Set(['lessons', 'reference']) };
const fm = `---
title: A lesson
summary: A summary that is long enough.
minutes: 10
part: core
knobs: [indexes]
checks:
  - { id: first-run, kind: run, title: Run it once, where: {} }
---
`;
const check = (body: string, front = fm) => checkLessonSource('50-sample', front + body, ctx).problems;

describe('the lesson checker', () => {
  it('accepts a lesson whose widgets, links and knobs are all right', () => {
    const body = `Prose with a [link](/lessons/indexes) and [the reference](/reference#top).

<Prediction id="guess" question="What will happen?" options={["faster", "slower"]} check="first-run" />
<Check id="first-run" />
<Quiz id="q" question="Which is right?" options={[{ text: "A", correct: true, explain: "Yes." }, { text: "B", explain: "No." }]} />
<Callout type="tip">A tip.</Callout>
`;
    expect(check(body)).toEqual([]);
  });

  it('names an unknown widget, a bad prop and a missing check, with the line in the file', () => {
    const body = `\n<Chart id="x" />\n\n<Callout type="danger">x</Callout>\n\n<Check id="nope" />\n`;
    const problems = check(body);
    expect(problems).toEqual([
      expect.stringMatching(/^50-sample\/index.mdx:11: <Chart> is not a lesson widget; use one of Lab, /),
      expect.stringMatching(/^50-sample\/index.mdx:13: <Callout> type: /),
      expect.stringMatching(
        /^50-sample\/index.mdx:15: <Check> names check "nope", which is not in this lesson's frontmatter checks \(first-run\)/,
      ),
    ]);
  });

  it('rejects a quiz without exactly one right answer, code in props, and a reused id', () => {
    const body = `<Quiz id="q" question="Which is right?" options={[{ text: "A", explain: "x" }, { text: "B", explain: "y" }]} />
<Prediction id="p" question="What will happen?" options={["a", "b"]} />
<Prediction id="p" question="What else will happen?" options={["a", "b"]} />
<Prediction id="r" question="What will happen?" options={choices} />
`;
    const problems = check(body).join('\n');
    expect(problems).toMatch(/<Quiz> options: exactly one option is correct: true/);
    expect(problems).toMatch(/<Prediction> options: write a literal value/);
    expect(problems).toMatch(/<Prediction> id "p" is already used on line 11/);
  });

  it('rejects links to lessons and pages that do not exist', () => {
    const problems = check(
      'See [this](/lessons/no-such-lesson) and <a href="/nowhere">that</a>. [Out](https://example.com) is not checked.\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(/link \/lessons\/no-such-lesson: no lesson has the slug "no-such-lesson"/),
      expect.stringMatching(/link \/nowhere: the app has no \/nowhere page/),
    ]);
  });

  it('rejects a preset or solution in a knob group the lesson does not show', () => {
    const front = fm.replace(
      'knobs: [indexes]',
      'knobs: [indexes]\npreset: { appCache: { enabled: true } }\nsolution: { rateLimit: { enabled: true } }',
    );
    const problems = check('Body.\n', front).join('\n');
    expect(problems).toMatch(/preset sets appCache, which this lesson's knobs: \[indexes\] does not show/);
    expect(problems).toMatch(/solution sets rateLimit/);
    const repeats = check(
      'Body.\n',
      fm.replace(
        'knobs: [indexes]',
        'knobs: [indexes, appCache]\npreset: { appCache: { enabled: false, ttlSeconds: 5 } }',
      ),
    );
    expect(repeats).toEqual([expect.stringMatching(/preset.appCache.enabled: false is the default; leave it out/)]);
  });

  it('passes frontmatter errors through, and reports MDX that does not parse', () => {
    expect(check('Body.\n', fm.replace('minutes: 10', 'minutes: ten')).join('\n')).toMatch(
      /invalid frontmatter[\s\S]*minutes/,
    );
    expect(check('Text <Check id="first-run"\n\nmore').join('\n')).toMatch(/the MDX does not parse/);
    expect(check('<WhatMattered />\n').join('\n')).toMatch(/needs `report:/);
  });

  it('knows exactly the tags the lesson page renders', () => {
    expect([...WIDGET_TAGS].sort()).toEqual([...LESSON_TAGS].sort());
  });
});
