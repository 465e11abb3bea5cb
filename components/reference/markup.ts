/**
 * A tiny HTML builder for content React does not need to own: the API reference is static,
 * so it is built once (at build time, the page is prerendered) into one string that the page
 * inserts with dangerouslySetInnerHTML. React then hydrates one element instead of thousands,
 * and the RSC payload carries one string instead of a tree of element objects.
 *
 * Safety rests on one rule: a SafeHtml only comes out of `markup`, and `markup` escapes every
 * interpolated value that is not already a SafeHtml. Templates must quote every attribute
 * value (`href="${x}"`), so the escaped quote keeps the value inside its attribute.
 */
export class SafeHtml {
  readonly #value: string;
  constructor(value: string, key: typeof KEY) {
    if (key !== KEY) throw new Error('SafeHtml is only built by markup`...`');
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

// Only this module holds the key, so no other code can wrap an unescaped string as SafeHtml.
const KEY = Symbol('markup');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** What a template may interpolate: markup, text (escaped), or nothing (false, null, undefined). */
export type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof SafeHtml) return part.toString();
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/**
 * Whitespace that contains a line break is dropped from the template's literal text, as JSX
 * drops it: templates can be indented like JSX without putting indentation into the page.
 * Interpolated values keep their whitespace (the curl example in a <pre> needs its newlines).
 */
export function markup(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  const literal = (i: number) => (strings[i] ?? '').replace(/\s*\n\s*/g, '');
  let out = literal(0);
  values.forEach((value, i) => {
    out += render(value) + literal(i + 1);
  });
  return new SafeHtml(out, KEY);
}
