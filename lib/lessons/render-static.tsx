import type { Element, ElementContent, Root } from 'hast';
import type { ComponentProps } from 'react';
import type { MDXComponents } from 'mdx/types';

/** The attribute a static block carries its inner HTML in, from the compile to staticBlockComponents below. */
export const STATIC_HTML_PROP = 'data-lesson-html';

/** Blocks that may become static: markdown's own, none of them mapped to a widget. */
export const STATIC_BLOCKS = ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'pre', 'blockquote'] as const;

// What may sit inside a static block, and the attributes markdown gives it (hast name -> HTML name).
const INNER = new Set(['a', 'code', 'strong', 'em', 'del', 'br', 'li', 'ul', 'ol', 'p', 'pre', 'blockquote', 'input']);
const ATTRS: Record<string, string> = {
  className: 'class',
  href: 'href',
  title: 'title',
  start: 'start',
  type: 'type',
  checked: 'checked',
  disabled: 'disabled',
};
const VOID = new Set(['br', 'input']);

// React's escaping of text and attribute values, so a static block's HTML is byte for byte what
// React would have rendered from the same tree (render-static.test.ts holds every lesson to that).
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

class NotStatic extends Error {}

function attrs(el: Element): string {
  let out = '';
  for (const [name, value] of Object.entries(el.properties)) {
    const html = ATTRS[name];
    if (!html) throw new NotStatic(name);
    if (value === false || value === null || value === undefined) continue;
    if (value === true) out += ` ${html}=""`;
    else out += ` ${html}="${escape(Array.isArray(value) ? value.join(' ') : String(value))}"`;
  }
  return out;
}

function html(nodes: ElementContent[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += escape(n.value);
    else if (n.type === 'element' && INNER.has(n.tagName)) {
      out += `<${n.tagName}${attrs(n)}>`;
      if (VOID.has(n.tagName))
        out = `${out.slice(0, -1)}/>`; // React's form of a void tag
      else out += `${html(n.children)}</${n.tagName}>`;
    } else if (n.type !== 'comment') throw new NotStatic(n.type === 'element' ? n.tagName : n.type);
  }
  return out;
}

function makeStatic(el: Element): void {
  if (!(STATIC_BLOCKS as readonly string[]).includes(el.tagName)) return;
  try {
    const inner = html(el.children);
    attrs(el); // its own attributes must be plain ones too; they stay as props
    el.properties = { ...el.properties, [STATIC_HTML_PROP]: inner };
    el.children = [];
  } catch (e) {
    if (!(e instanceof NotStatic)) throw e; // a widget or expression inside: React renders it as before
  }
}

/**
 * A rehype step of the lesson compile: a block of plain markdown (a paragraph, a list, a code
 * sample) reaches the page as one element holding its inner HTML, instead of one React element
 * per link, code span and list item. Same HTML, but the browser's React hydrates one node for
 * the block instead of dozens (about 300 elements on a long lesson), and the page's payload
 * describes it as a string. Blocks with a widget or an expression inside stay React elements.
 */
export function rehypeStaticBlocks() {
  return (tree: Root) => {
    const visit = (nodes: Root['children']) => {
      for (const n of nodes) {
        if (n.type !== 'element') continue;
        if (n.tagName === 'section') visit(n.children);
        else makeStatic(n);
      }
    };
    visit(tree.children);
  };
}

type Block = (typeof STATIC_BLOCKS)[number];
type StaticProps = ComponentProps<'div'> & { [STATIC_HTML_PROP]?: string };

function staticBlock(Tag: Block) {
  const El = Tag as 'div'; // one tag per component; the props are that tag's own
  const StaticBlock = ({ [STATIC_HTML_PROP]: html, ...props }: StaticProps) =>
    html === undefined ? <El {...props} /> : <El {...props} dangerouslySetInnerHTML={{ __html: html }} />;
  return StaticBlock;
}

/** The components that render what rehypeStaticBlocks made: compileLesson passes them under the page's own. */
export const staticBlockComponents: MDXComponents = Object.fromEntries(STATIC_BLOCKS.map((t) => [t, staticBlock(t)]));
