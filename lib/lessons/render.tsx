import { evaluate } from '@mdx-js/mdx';
import * as runtime from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import type { ComponentType } from 'react';
import type { MDXComponents } from 'mdx/types';
import { rehypeLessonSections } from './render-sections';
import { rehypeStaticBlocks, staticBlockComponents } from './render-static';

/**
 * Compiles a lesson's MDX on the server (at build time for the static lesson pages). The
 * widgets come from one registry, passed in, so authors never import anything. Each `##`
 * part becomes a section (render-sections.ts), which the browser may skip while off screen, and
 * each block of plain markdown reaches the browser as its HTML (render-static.ts).
 */
export async function compileLesson(body: string): Promise<ComponentType<{ components?: MDXComponents }>> {
  const mod = await evaluate(body, {
    ...runtime,
    remarkPlugins: [remarkGfm],
    rehypePlugins: [rehypeLessonSections, rehypeStaticBlocks],
  });
  const Mdx = mod.default as ComponentType<{ components?: MDXComponents }>;
  // The static blocks render through their own components, whatever the caller passes.
  const Lesson = ({ components }: { components?: MDXComponents }) => (
    <Mdx components={{ ...staticBlockComponents, ...components }} />
  );
  return Lesson;
}
