/**
 * What the quick form shows of a response body. Bodies up to `limit` characters (pretty-printed)
 * are shown whole. A longer one (an unbounded list is megabytes) shows its first and last lines,
 * so the fields at the end, such as `pagination`, stay readable, and an outline of every
 * top-level field, so nothing in the middle is a mystery.
 */
export const BODY_LIMIT = 20_000;
const SHORT_VALUE = 200;

export type OutlineEntry = { key: string; summary: string };
export type BodyPreview =
  | { kind: 'whole'; text: string }
  | { kind: 'cut'; head: string; tail: string; hiddenChars: number; totalChars: number; outline: OutlineEntry[] };

function summarise(value: unknown): string {
  if (Array.isArray(value))
    return `an array of ${value.length.toLocaleString('en')} item${value.length === 1 ? '' : 's'}`;
  const json = JSON.stringify(value);
  if (json.length <= SHORT_VALUE) return json;
  return value !== null && typeof value === 'object'
    ? `an object with ${Object.keys(value).length} fields`
    : `${json.slice(0, SHORT_VALUE)}…`;
}

function outlineOf(parsed: unknown): OutlineEntry[] {
  if (parsed === null || typeof parsed !== 'object') return [];
  if (Array.isArray(parsed)) return [{ key: '(the body)', summary: summarise(parsed) }];
  return Object.entries(parsed).map(([key, value]) => ({ key, summary: summarise(value) }));
}

export function previewBody(body: string, limit = BODY_LIMIT): BodyPreview {
  let parsed: unknown;
  let text = body;
  try {
    parsed = JSON.parse(body);
    text = JSON.stringify(parsed, null, 2);
  } catch {
    parsed = undefined;
  }
  if (text.length <= limit) return { kind: 'whole', text };
  // Most of the room for the start, where a reader begins; the rest for the end. Cut at line breaks.
  const headCut = text.lastIndexOf('\n', Math.floor(limit * 0.7));
  const head = text.slice(0, headCut > 0 ? headCut : Math.floor(limit * 0.7));
  const tailCut = text.indexOf('\n', text.length - (limit - head.length));
  const tail = text.slice(tailCut >= 0 ? tailCut + 1 : text.length - (limit - head.length));
  return {
    kind: 'cut',
    head,
    tail,
    hiddenChars: text.length - head.length - tail.length,
    totalChars: text.length,
    outline: outlineOf(parsed),
  };
}
