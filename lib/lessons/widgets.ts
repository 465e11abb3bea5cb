import { createProcessor } from '@mdx-js/mdx';
import type { Lesson } from './loader';

/**
 * What a lesson's MDX declares in its widgets, read on the server from the same source the
 * page renders: which check each prediction reveals, and each quiz's options with the right
 * one marked. Grading and reveals use this, never what a browser says is correct.
 */
export type QuizOption = { text: string; correct: boolean; explain: string };
export type LessonWidgets = {
  predictions: { id: string; check: string | null }[];
  quizzes: { id: string; question: string; options: QuizOption[] }[];
};

type EsNode = {
  type: string;
  value?: unknown;
  elements?: (EsNode | null)[];
  properties?: EsNode[];
  key?: EsNode & { name?: string };
  name?: string;
  expression?: EsNode;
  body?: EsNode[];
};
type Attr = { type: string; name?: string; value?: string | { data?: { estree?: EsNode } } | null };
type MdNode = { type: string; name?: string | null; attributes?: Attr[]; children?: MdNode[] };

/** A literal (strings, numbers, booleans, arrays, plain objects) from its estree; anything else is undefined. */
function literal(node: EsNode | null | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'Program':
      return literal(node.body?.[0]);
    case 'ExpressionStatement':
      return literal(node.expression);
    case 'Literal':
      return node.value;
    case 'ArrayExpression':
      return (node.elements ?? []).map(literal);
    case 'ObjectExpression':
      return Object.fromEntries(
        (node.properties ?? []).map((p) => [p.key?.name ?? String(p.key?.value), literal(p.value as EsNode)]),
      );
    default:
      return undefined;
  }
}

function attrs(node: MdNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of node.attributes ?? []) {
    if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
    out[a.name] =
      a.value === null || a.value === undefined
        ? true
        : typeof a.value === 'string'
          ? a.value
          : literal(a.value.data?.estree);
  }
  return out;
}

function walk(node: MdNode, visit: (n: MdNode) => void): void {
  visit(node);
  for (const c of node.children ?? []) walk(c, visit);
}

export function parseWidgets(body: string): LessonWidgets {
  // The parser returns unist's Root; MdNode is the small part of mdast this reader walks.
  const tree = createProcessor({}).parse(body) as unknown as MdNode;
  const out: LessonWidgets = { predictions: [], quizzes: [] };
  walk(tree, (n) => {
    if (n.type !== 'mdxJsxFlowElement' && n.type !== 'mdxJsxTextElement') return;
    const a = attrs(n);
    if (typeof a.id !== 'string') return;
    if (n.name === 'Prediction')
      out.predictions.push({ id: a.id, check: typeof a.check === 'string' ? a.check : null });
    if (n.name === 'Quiz' && Array.isArray(a.options)) {
      out.quizzes.push({
        id: a.id,
        question: typeof a.question === 'string' ? a.question : '',
        options: a.options.map((o) => {
          const opt = (o ?? {}) as { text?: unknown; correct?: unknown; explain?: unknown };
          return { text: String(opt.text ?? ''), correct: opt.correct === true, explain: String(opt.explain ?? '') };
        }),
      });
    }
  });
  return out;
}

const cache = new Map<string, LessonWidgets>();

/** Parsed once per lesson per process: lessons are part of the build. */
export function lessonWidgets(lesson: Lesson): LessonWidgets {
  let w = cache.get(lesson.folder);
  if (!w) cache.set(lesson.folder, (w = parseWidgets(lesson.body)));
  return w;
}
