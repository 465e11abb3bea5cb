type Obj = Record<string, unknown>;
const isContainer = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/**
 * Resolves a local JSON Pointer ref ("#/components/schemas/Product") in a document: what the
 * API reference page follows to show a schema or a shared parameter. Undefined if it does not resolve.
 */
export function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isContainer(node)) return undefined;
    node = node[key];
    if (node === undefined) return undefined;
  }
  return node;
}
