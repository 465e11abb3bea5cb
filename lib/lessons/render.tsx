import { evaluate } from '@mdx-js/mdx';
import * as runtime from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import type { ComponentType } from 'react';
import type { MDXComponents } from 'mdx/types';

/**
 * Compiles a lesson's MDX on the server (at build time for the static lesson pages). The
 * widgets come from one registry, passed in, so authors never import anything.
 */
export async function compileLesson(body: string): Promise<ComponentType<{ components?: MDXComponents }>> {
  const mod = await evaluate(body, { ...runtime, remarkPlugins: [remarkGfm] });
  return mod.default as ComponentType<{ components?: MDXComponents }>;
}
