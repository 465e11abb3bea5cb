import { createProcessor } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';

/**
 * What a lesson's MDX contains, read from its syntax tree rather than with regular
 * expressions: every JSX element with its attributes (literal values only; authors write
 * data, not code) and every link. The lesson checker (lib/authoring) validates these; server
 * code that needs a widget's props (quiz grading) can read them here too.
 */
export type MdxElement = { name: string; props: Record<string, unknown>; line: number; problems: string[] };
export type MdxLink = { url: string; line: number };
export type MdxContents = { elements: MdxElement[]; links: MdxLink[] };

type EsNode = {
  type: string;
  value?: unknown;
  elements?: (EsNode | null)[];
  properties?: EsNode[];
  key?: EsNode;
  name?: string;
  expression?: EsNode;
  body?: EsNode[];
  argument?: EsNode;
  operator?: string;
  computed?: boolean;
};
type Attr = { type: string; name?: string; value?: string | null | { data?: { estree?: EsNode } } };
type MdNode = {
  type: string;
  name?: string | null;
  url?: string;
  attributes?: Attr[];
  children?: MdNode[];
  position?: { start: { line: number } };
};

class NotLiteral extends Error {}

/** A JSON-like literal from its estree (strings, numbers, booleans, null, arrays, plain objects). */
function literal(node: EsNode | null | undefined): unknown {
  if (!node) throw new NotLiteral();
  switch (node.type) {
    case 'Program':
      if (node.body?.length !== 1) throw new NotLiteral();
      return literal(node.body[0]);
    case 'ExpressionStatement':
      return literal(node.expression);
    case 'Literal':
      return node.value;
    case 'UnaryExpression':
      if (node.operator === '-' && node.argument?.type === 'Literal' && typeof node.argument.value === 'number')
        return -node.argument.value;
      throw new NotLiteral();
    case 'ArrayExpression':
      return (node.elements ?? []).map(literal);
    case 'ObjectExpression':
      return Object.fromEntries(
        (node.properties ?? []).map((p) => {
          if (p.type !== 'Property' || p.computed || !p.key) throw new NotLiteral();
          const key = p.key.type === 'Identifier' ? p.key.name : p.key.value;
          return [String(key), literal(p.value as EsNode)];
        }),
      );
    default:
      throw new NotLiteral();
  }
}

function readElement(node: MdNode, lineOffset: number): MdxElement {
  const props: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const a of node.attributes ?? []) {
    if (a.type !== 'mdxJsxAttribute' || !a.name) {
      problems.push('spread attributes ({...x}) are not allowed: write each prop');
      continue;
    }
    if (a.value === null || a.value === undefined) props[a.name] = true;
    else if (typeof a.value === 'string') props[a.name] = a.value;
    else {
      try {
        props[a.name] = literal(a.value.data?.estree);
      } catch {
        problems.push(`${a.name}: write a literal value (a string, number, boolean, array or object), not code`);
      }
    }
  }
  return { name: node.name ?? '', props, line: (node.position?.start.line ?? 0) + lineOffset, problems };
}

/** `lineOffset`: lines above the body (the frontmatter), so lines match the file. */
export function readMdx(body: string, lineOffset = 0): MdxContents {
  // The parser returns unist's Root; MdNode is the small part of mdast this reader walks (type, name, attributes, children).
  const tree = createProcessor({ remarkPlugins: [remarkGfm] }).parse(body) as unknown as MdNode;
  const out: MdxContents = { elements: [], links: [] };
  const visit = (node: MdNode) => {
    const line = (node.position?.start.line ?? 0) + lineOffset;
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
      const el = readElement(node, lineOffset);
      // Plain HTML tags (lowercase) are not widgets; their links still count.
      if (el.name === 'a' && typeof el.props.href === 'string') out.links.push({ url: el.props.href, line });
      else if (/^[A-Z]/.test(el.name)) out.elements.push(el);
    }
    if (node.type === 'link' && node.url) out.links.push({ url: node.url, line });
    for (const c of node.children ?? []) visit(c);
  };
  visit(tree);
  return out;
}
