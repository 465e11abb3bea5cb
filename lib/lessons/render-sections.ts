import type { Element, ElementContent, Root, RootContent } from 'hast';

/** The class every lesson section carries (its spacing in app/globals.css). */
export const SECTION_CLASS = 'lesson__section';

/**
 * A rehype step of the lesson compile: everything from one `##` heading to the next becomes a
 * `<section class="lesson__section">`. A long lesson is one flat column of 300-odd elements
 * about 12,000 px tall on a phone; as sections, each part hydrates in its own Activity boundary
 * (mdx-components.tsx), after the page's shell and in small interruptible steps.
 * What comes before the first `##` (the opening, on the first screen) stays as it is.
 */
export function rehypeLessonSections() {
  return (tree: Root) => {
    const out: RootContent[] = [];
    let section: Element | null = null;
    for (const node of tree.children) {
      if (node.type === 'element' && node.tagName === 'h2') {
        section = { type: 'element', tagName: 'section', properties: { className: [SECTION_CLASS] }, children: [] };
        out.push(section);
      }
      // Module-level nodes (imports, exports) stay at the top level, where MDX requires them.
      if (section && node.type !== 'mdxjsEsm' && node.type !== 'doctype') section.children.push(node as ElementContent);
      else out.push(node);
    }
    tree.children = out;
  };
}
