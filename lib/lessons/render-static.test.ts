import { compile, evaluate } from '@mdx-js/mdx';
import { createElement, type ComponentType, type ReactNode } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import remarkGfm from 'remark-gfm';
import type { MDXComponents } from 'mdx/types';
import { describe, expect, it } from 'vitest';
import { LESSON_TAGS } from '@/components/lesson/mdx-components';
import { loadLessons } from './loader';
import { compileLesson } from './render';
import { rehypeLessonSections } from './render-sections';
import { rehypeStaticBlocks } from './render-static';

type Content = ComponentType<{ components?: MDXComponents }>;
// Widgets as stubs that show their props: a block next to a widget must not swallow or move it.
const stub =
  (name: string) =>
  ({ children, ...props }: { children?: ReactNode }) =>
    createElement('x-widget', { name, props: JSON.stringify(props) }, children);
const components = Object.fromEntries(LESSON_TAGS.map((t) => [t, stub(t)]));
const render = (C: Content) => renderToStaticMarkup(createElement(C, { components }));

/** The same lesson compiled the old way: every block as React elements. */
async function asElements(body: string): Promise<Content> {
  const mod = await evaluate(body, { ...runtime, remarkPlugins: [remarkGfm], rehypePlugins: [rehypeLessonSections] });
  return mod.default as Content;
}

describe('static blocks', () => {
  // The claim that makes the change safe: the page's HTML does not change by one byte.
  for (const lesson of loadLessons()) {
    it(`${lesson.folder}: the same HTML as rendering every element`, async () => {
      const html = render(await compileLesson(lesson.body));
      expect(html).toBe(render(await asElements(lesson.body)));
      expect(html).not.toContain('data-lesson-html');
    });
  }

  it('turns plain blocks into one element each and leaves blocks with a widget or an expression alone', async () => {
    const body =
      'A **b** [c](/d) `e`.\n\n- one\n- [ ] two\n\n```sql\nSELECT 1 < 2\n```\n\nSum {1 + 1}.\n\n<Quiz id="q" />\n';
    // What React gets: the three plain blocks as one element each, holding their HTML; the
    // paragraph with an expression as elements.
    const js = String(await compile(body, { remarkPlugins: [remarkGfm], rehypePlugins: [rehypeStaticBlocks] }));
    expect([...js.matchAll(/_jsx\(_components\.(\w+), \{[^{}]*?"data-lesson-html"/g)].map((m) => m[1])).toEqual([
      'p',
      'ul',
      'pre',
    ]);
    const html = render(await compileLesson(body));
    expect(html).toContain('<p>A <strong>b</strong> <a href="/d">c</a> <code>e</code>.</p>');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" disabled=""/> two</li>');
    expect(html).toContain('<code class="language-sql">SELECT 1 &lt; 2\n</code>');
    expect(html).toContain('<p>Sum 2.</p>');
    expect(html).toContain('<x-widget name="Quiz"');
  });
});
